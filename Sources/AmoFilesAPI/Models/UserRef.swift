/// Who created, changed or deleted a file: `{"type": "internal", "id": 7758337}`.
///
/// In filters, -1 stands for a client (a contact writing in a messenger), 0 for a
/// robot, a positive id for an account user.
public struct UserRef: Codable, Sendable, Hashable {
    public var type: String
    public var id: Int

    public init(type: String, id: Int) {
        self.type = type
        self.id = id
    }

    public static func user(_ id: Int) -> UserRef { UserRef(type: "internal", id: id) }
    public static let robot = UserRef(type: "robot", id: 0)
    public static func client(_ contactID: Int) -> UserRef { UserRef(type: "contact", id: contactID) }
}

extension UserRef {
    /// How a person reads it: the user's name when known, "robot", or "client".
    public func displayName(users: [Int: String]) -> String {
        switch type {
        case "internal": users[id] ?? "user \(id)"
        case "robot": "robot"
        case "contact": "client"
        default: "\(type) \(id)"
        }
    }
}
