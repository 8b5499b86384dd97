import Foundation
import Logging

/// Both clients of one account, with the drive host discovered through
/// `GET /api/v4/account?with=drive_url` (or given explicitly).
public struct AmoConnection: Sendable {
    public let account: AccountClient
    public let drive: DriveClient
    /// The account's name when `connect` asked for it while finding the drive host.
    public let accountName: String?
    /// The token's own user, when `connect` learnt it (shown as "you" where names are unknown).
    public let currentUserID: Int?
    /// Whether customers are on, when `connect` learnt it (nil: not known).
    public let customersMode: CustomersMode?
    /// Tells of every call that is being tried again.
    public var retries: RetryAnnouncer { account.requester.announcer }

    public init(account: AccountClient, drive: DriveClient, accountName: String? = nil, currentUserID: Int? = nil, customersMode: CustomersMode? = nil) {
        self.account = account
        self.drive = drive
        self.accountName = accountName
        self.currentUserID = currentUserID
        self.customersMode = customersMode
    }

    public static func connect(
        accountURL: URL,
        tokens: any AccessTokenSource,
        driveURL: URL? = nil,
        transport: any HTTPTransport,
        pacer: Pacer = Pacer(),
        retries: RetryPolicies = .standard,
        announcer: RetryAnnouncer = RetryAnnouncer(),
        logger: Logger = Logger(label: "amofiles.api")
    ) async throws -> AmoConnection {
        let requester = Requester(transport: transport, tokens: tokens, pacer: pacer, retries: retries, announcer: announcer, logger: logger)
        let account = AccountClient(accountURL: accountURL, requester: requester)
        if let driveURL {
            return AmoConnection(account: account, drive: DriveClient(driveURL: driveURL, requester: requester))
        }
        let info = try await account.account(withDriveURL: true)
        guard let href = info.driveURL, let discovered = URL(string: href), discovered.scheme != nil else {
            throw APIError(call: "GET /api/v4/account", kind: .undecodable(reason: "the account has no drive_url"))
        }
        return AmoConnection(
            account: account, drive: DriveClient(driveURL: discovered, requester: requester), accountName: info.name,
            currentUserID: info.currentUserID, customersMode: info.customersMode)
    }
}
