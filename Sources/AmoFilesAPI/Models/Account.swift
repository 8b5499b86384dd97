/// The account, from `GET /api/v4/account` (the fields we use).
public struct Account: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var subdomain: String?
    public var uuid: String?
    public var country: String?
    public var currentUserID: Int?
    /// Only present when asked for with `with=drive_url`.
    public var driveURL: String?
    /// Whether customers are on; an unknown or missing mode counts as off.
    public var customersMode: CustomersMode?

    public init(
        id: Int, name: String, subdomain: String?, uuid: String?, country: String?, currentUserID: Int?, driveURL: String?,
        customersMode: CustomersMode? = nil
    ) {
        self.id = id
        self.name = name
        self.subdomain = subdomain
        self.uuid = uuid
        self.country = country
        self.currentUserID = currentUserID
        self.driveURL = driveURL
        self.customersMode = customersMode
    }

    enum CodingKeys: String, CodingKey {
        case id, name, subdomain, uuid, country
        case currentUserID = "current_user_id", driveURL = "drive_url", customersMode = "customers_mode"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(Int.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        subdomain = try c.decodeIfPresent(String.self, forKey: .subdomain)
        uuid = try c.decodeIfPresent(String.self, forKey: .uuid)
        country = try c.decodeIfPresent(String.self, forKey: .country)
        currentUserID = try c.decodeIfPresent(Int.self, forKey: .currentUserID)
        driveURL = try c.decodeIfPresent(String.self, forKey: .driveURL)
        customersMode = try? c.decodeIfPresent(CustomersMode.self, forKey: .customersMode)
    }
}

/// An account user, from `GET /api/v4/users` (the fields we use).
public struct AccountUser: Codable, Sendable, Hashable, Identifiable {
    public var id: Int
    public var name: String
    public var email: String?
    public var lang: String?

    public init(id: Int, name: String, email: String?, lang: String?) {
        self.id = id
        self.name = name
        self.email = email
        self.lang = lang
    }
}

/// The answer of `POST /oauth2/access_token`.
public struct OAuthTokenResponse: Codable, Sendable, Equatable {
    public var tokenType: String
    public var expiresIn: Int
    public var accessToken: String
    public var refreshToken: String
    public var serverTime: Int64?

    public init(tokenType: String, expiresIn: Int, accessToken: String, refreshToken: String, serverTime: Int64?) {
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.serverTime = serverTime
    }

    enum CodingKeys: String, CodingKey {
        case tokenType = "token_type", expiresIn = "expires_in", accessToken = "access_token"
        case refreshToken = "refresh_token", serverTime = "server_time"
    }
}

/// The body of `POST /oauth2/access_token`.
public struct OAuthTokenRequest: Codable, Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var grantType: String
    public var refreshToken: String?
    public var code: String?
    public var redirectURI: String

    public init(clientID: String, clientSecret: String, grantType: String, refreshToken: String?, code: String?, redirectURI: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.grantType = grantType
        self.refreshToken = refreshToken
        self.code = code
        self.redirectURI = redirectURI
    }

    enum CodingKeys: String, CodingKey {
        case clientID = "client_id", clientSecret = "client_secret", grantType = "grant_type"
        case refreshToken = "refresh_token", code, redirectURI = "redirect_uri"
    }
}
