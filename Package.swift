// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "amofiles",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "amofiles", targets: ["amofiles"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "AmoFilesAPI",
            dependencies: [
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "AmoFilesTasks", dependencies: ["AmoFilesAPI"]),
        .systemLibrary(name: "CNCurses"),
        // Header only: the commit a release is built from (scripts/build-release.sh).
        .systemLibrary(name: "CBuildInfo"),
        .target(name: "TerminalUI", dependencies: ["CNCurses"]),
        // What a version holds, as lines of text: for the preview screen and `amofiles preview`.
        .target(name: "FilePreview", dependencies: ["TerminalUI", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "AmoFilesApp", dependencies: ["AmoFilesTasks", "AmoFilesAPI", "TerminalUI", "FilePreview"]),
        .target(
            name: "DriveEmulator",
            dependencies: [
                "AmoFilesAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .target(
            name: "EmulatorTesting",
            dependencies: [
                "DriveEmulator", "AmoFilesAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "amofiles",
            dependencies: [
                "AmoFilesApp", "AmoFilesTasks", "AmoFilesAPI", "DriveEmulator", "TerminalUI", "FilePreview", "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // Release-built by Benchmarks/run.py; the frame figures of the Performance table.
        .executableTarget(name: "frame-bench", dependencies: ["AmoFilesApp", "AmoFilesAPI", "TerminalUI"], path: "Benchmarks/Frames"),
        .testTarget(name: "AmoFilesAPITests", dependencies: ["AmoFilesAPI", "EmulatorTesting", "DriveEmulator"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DriveEmulatorTests", dependencies: ["DriveEmulator", "AmoFilesAPI", "EmulatorTesting", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AmoFilesTasksTests", dependencies: ["AmoFilesTasks", "EmulatorTesting", "DriveEmulator"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
        .testTarget(name: "FilePreviewTests", dependencies: ["FilePreview", "TerminalUI", "DriveEmulator"]),
        .testTarget(name: "AmoFilesAppTests", dependencies: ["AmoFilesApp", "AmoFilesAPI", "AmoFilesTasks", "TerminalUI", "DriveEmulator", "FilePreview", "EmulatorTesting"]),
        .testTarget(name: "EndToEndTests", dependencies: ["EmulatorTesting", "TerminalUI"]),
    ]
)
