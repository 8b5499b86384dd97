import EmulatorTesting
import Foundation
import XCTest

/// The case the upload journal exists for: the UI run over a real SSH session, the
/// connection dropped mid-upload. sshd on a loopback port with keys made for the
/// test; the client killed as a dropped link would end it; the remote amofiles gets
/// SIGHUP and must leave its upload in the journal for the next session to finish.
final class SSHSessionTests: XCTestCase {
    private var served: ServedEmulator!
    private var sshd: LoopbackSSHD!
    private var tmux: TmuxSession!
    private var local: URL!
    private var state: URL!

    override func setUpWithError() throws {
        guard FileManager.default.isExecutableFile(atPath: LoopbackSSHD.binary) else {
            // CI installs it: there a missing sshd is a broken setup, not a reason to skip.
            let message = "\(LoopbackSSHD.binary) is not installed (.ci/run installs openssh-server)"
            if ProcessInfo.processInfo.environment["AMOFILES_CI"] != nil { XCTFail(message) }
            throw XCTSkip(message)
        }
        served = try ServedEmulator(arguments: ["--seed", "empty", "--latency", "60"])
        local = served.folder.appendingPathComponent("local")
        state = served.folder.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
        sshd = try LoopbackSSHD(folder: served.folder.appendingPathComponent("ssh"))
        tmux = try TmuxSession(columns: 120, rows: 40)
    }

    override func tearDown() {
        tmux?.close()
        sshd?.stop()
        served?.stop()
    }

    /// The remote side's environment: its own state folder, the token, a UTF-8 locale.
    private var remoteCommand: String {
        let env = ["XDG_STATE_HOME": state.path, "XDG_CONFIG_HOME": served.folder.appendingPathComponent("config").path,
                   "LANG": "C.UTF-8", "AMOFILES_TOKEN": served.token]
            .map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
        return "cd \(local.path) && exec env \(env) \(Binary.path) --account \(served.accountURL)"
    }

    /// Processes working in the upload's folder: the remote amofiles, while it lives.
    private var remoteUIs: [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(pid_t.init).filter { pid in
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/cwd")) == local.path
        }
    }

    private func journalRecords() -> [[String: Any]] {
        let folder = state.appendingPathComponent("amofiles/uploads")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }
        return names.compactMap { name in
            FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
                .flatMap { try? JSONSerialization.jsonObject(with: $0) as? [String: Any] }
        }
    }

    func testADroppedSSHConnectionLeavesTheUploadForTheNextSessionToFinish() throws {
        let data = Data(testBytes(24_000_000, seed: 91))
        try data.write(to: local.appendingPathComponent("over-ssh.bin"))
        try tmux.send(sshd.clientCommand(remoteCommand) + "; echo SSH-ENDED", "Enter")
        tmux.waitFor("the UI over ssh", timeout: 30) { $0.contains(" 1 Files ") && $0.contains("127.0.0.1") }
        try tmux.send("U")
        tmux.waitFor(text: "over-ssh.bin")
        try tmux.send("j")
        try tmux.send("Enter")
        let deadline = Date().addingTimeInterval(60)
        while (journalRecords().first?["partsAccepted"] as? Int ?? 0) < 2 {
            guard Date() < deadline else { return XCTFail("the upload never got two parts in") }
            usleep(10_000)
        }
        XCTAssertEqual(remoteUIs.count, 1, "one amofiles runs on the remote side")

        // The link drops: the client dies, sshd closes the session's terminal.
        kill(try XCTUnwrap(tmux.shellChildren.first, "ssh runs under the shell"), SIGKILL)
        tmux.waitFor(text: "SSH-ENDED")
        let gone = Date().addingTimeInterval(20)
        while !remoteUIs.isEmpty {
            guard Date() < gone else { return XCTFail("the remote amofiles did not end on its hangup") }
            usleep(50_000)
        }
        let records = journalRecords()
        XCTAssertEqual(records.count, 1, "the upload stays in the journal")
        XCTAssertEqual((records.first?["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent }, "over-ssh.bin")

        try tmux.send("clear", "Enter")
        try tmux.send(sshd.clientCommand(remoteCommand) + "; echo SSH-ENDED", "Enter")
        tmux.waitFor(text: "Resume 1 unfinished upload (over-ssh.bin", timeout: 30)
        try tmux.send("y")
        tmux.waitFor("the resumed upload done", timeout: 60) { $0.contains("1/1 done") }
        try tmux.send("q")
        tmux.waitFor(text: "SSH-ENDED")
        XCTAssertTrue(journalRecords().isEmpty, "finished: nothing left in the journal")

        let listed = try Binary.run(["ls", "--name", "over-ssh", "--json", "--account", served.accountURL], environment: served.env)
        let files = try XCTUnwrap(((try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])?["_embedded"] as? [String: Any])?["files"] as? [[String: Any]])
        XCTAssertEqual(files.count, 1, "one file, not two")
        let uuid = try XCTUnwrap(files.first?["uuid"] as? String)
        let back = served.folder.appendingPathComponent("back.bin").path
        let download = try Binary.run(["download", uuid, "-o", back, "--account", served.accountURL], environment: served.env)
        XCTAssertEqual(download.status, 0, download.stderr)
        XCTAssertEqual(FileManager.default.contents(atPath: back), data, "the same bytes arrived")
    }
}

/// sshd on 127.0.0.1 with a host key, a client key and a configuration of its own, in `folder`.
final class LoopbackSSHD {
    static let binary = "/usr/sbin/sshd"
    let folder: URL
    let port: Int
    private let pid: pid_t

    init(folder: URL) throws {
        self.folder = folder
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for key in ["host_key", "client_key"] {
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", folder.appendingPathComponent(key).path])
        }
        try FileManager.default.copyItem(at: folder.appendingPathComponent("client_key.pub"), to: folder.appendingPathComponent("authorized_keys"))
        // Run as root, sshd wants its privilege separation folder.
        if getuid() == 0 { try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true) }
        var started: (pid_t, Int)?
        // A port found free may be taken before sshd binds it: try a few.
        for _ in 0..<5 where started == nil {
            let (fd, port) = try LoopbackPort.reserve()
            close(fd)
            let config = folder.appendingPathComponent("sshd_config")
            try """
                ListenAddress 127.0.0.1
                Port \(port)
                HostKey \(folder.appendingPathComponent("host_key").path)
                AuthorizedKeysFile \(folder.appendingPathComponent("authorized_keys").path)
                PidFile \(folder.appendingPathComponent("sshd.pid").path)
                PubkeyAuthentication yes
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin yes
                StrictModes no
                UsePAM no
                PrintMotd no
                """.write(to: config, atomically: true, encoding: .utf8)
            let log = folder.appendingPathComponent("sshd-\(port).log")
            let pid = try CleanSpawn.start([Self.binary, "-D", "-e", "-f", config.path, "-E", log.path])
            let deadline = Date().addingTimeInterval(10)
            while CleanSpawn.isRunning(pid), Date() < deadline {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if text.contains("Server listening") { started = (pid, port); break }
                usleep(20_000)
            }
            if started == nil { CleanSpawn.stop(pid) }
        }
        guard let (pid, port) = started else { throw HarnessError(reason: "sshd did not start; see \(folder.path)") }
        self.pid = pid
        self.port = port
    }

    /// The ssh client line that runs `command` on this server with a terminal.
    func clientCommand(_ command: String) -> String {
        let user = String(cString: getpwuid(getuid()).pointee.pw_name)
        let options = ["-F", "/dev/null", "-tt", "-p", "\(port)", "-i", folder.appendingPathComponent("client_key").path,
                       "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                       "-o", "LogLevel=ERROR"]
        return "ssh " + options.joined(separator: " ") + " \(user)@127.0.0.1 '\(command)'"
    }

    func stop() {
        CleanSpawn.stop(pid)
    }

    private static func run(_ path: String, _ arguments: [String]) throws {
        guard try CleanSpawn.run([path] + arguments, within: 30).status == 0 else { throw HarnessError(reason: "\(path) failed") }
    }
}
