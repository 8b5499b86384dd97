/// The version `amofiles --version` prints: kept here and nowhere else.
enum Version {
    static let number = "0.9.0"
}
