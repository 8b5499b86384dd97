import Foundation

/// Where the bearer token of every call comes from.
public protocol AccessTokenSource: Sendable {
    /// The token to send now (refreshed first when it is known to be expired).
    func accessToken() async throws -> String
    /// Called when the service answered 401 to `token`. Returns true when a fresh
    /// token is now available and the call is worth repeating once.
    func tokenRejected(_ token: String) async throws -> Bool
}

/// A long-lived token made by an account admin: nothing to refresh.
public struct LongLivedToken: AccessTokenSource {
    private let token: String
    public init(_ token: String) { self.token = token }
    public func accessToken() async throws -> String { token }
    public func tokenRejected(_ token: String) async throws -> Bool { false }
}

/// An OAuth pair and when its access token expires.
public struct OAuthTokens: Sendable, Equatable {
    public var accessToken: String
    public var refreshToken: String
    /// Unix time; 0 when unknown (then only a 401 triggers a refresh).
    public var expiresAt: Int64

    public init(accessToken: String, refreshToken: String, expiresAt: Int64) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
    }
}

/// The integration's OAuth identity.
public struct OAuthClientCredentials: Sendable, Equatable {
    public var clientID: String
    public var clientSecret: String
    public var redirectURI: String

    public init(clientID: String, clientSecret: String, redirectURI: String) {
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
    }
}

/// OAuth 2.0 with refresh-token rotation. A refresh token works once, so each new
/// pair is handed to `save` before it is used: a crash after the refresh must not
/// leave the only working refresh token in memory.
public actor OAuthSession: AccessTokenSource {
    private var tokens: OAuthTokens
    private let client: OAuthClientCredentials
    private let requester: Requester
    private let tokenURL: URL
    private let save: @Sendable (OAuthTokens) throws -> Void
    private let now: @Sendable () -> Date

    public init(
        accountURL: URL,
        client: OAuthClientCredentials,
        tokens: OAuthTokens,
        transport: any HTTPTransport,
        now: @escaping @Sendable () -> Date = Date.init,
        save: @escaping @Sendable (OAuthTokens) throws -> Void
    ) {
        self.tokens = tokens
        self.client = client
        self.requester = Requester(transport: transport, tokens: nil, pacer: Pacer(requestsPerSecond: nil))
        self.tokenURL = accountURL.appendingPathComponent("oauth2/access_token")
        self.save = save
        self.now = now
    }

    public func accessToken() async throws -> String {
        if tokens.expiresAt > 0, Int64(now().timeIntervalSince1970) >= tokens.expiresAt - 60 {
            try await refresh()
        }
        return tokens.accessToken
    }

    public func tokenRejected(_ token: String) async throws -> Bool {
        // Another call already refreshed while this one was in flight.
        if token != tokens.accessToken { return true }
        try await refresh()
        return true
    }

    public var current: OAuthTokens { tokens }

    private func refresh() async throws {
        let call = "POST /oauth2/access_token"
        let body = OAuthTokenRequest(
            clientID: client.clientID, clientSecret: client.clientSecret, grantType: "refresh_token",
            refreshToken: tokens.refreshToken, code: nil, redirectURI: client.redirectURI)
        let response = try await requester.perform(call, method: "POST", url: tokenURL, json: try JSONEncoder().encode(body), repeat: .once)
        let answer = try requester.decode(OAuthTokenResponse.self, from: response, call: call)
        // Expiry is judged by the local clock, so it is computed from it too (the server's may be skewed).
        let expiresAt = Int64(now().timeIntervalSince1970) + Int64(answer.expiresIn)
        let fresh = OAuthTokens(accessToken: answer.accessToken, refreshToken: answer.refreshToken, expiresAt: expiresAt)
        do {
            try save(fresh)
        } catch {
            tokens = fresh
            throw APIError(call: call, kind: .refused(reason: "the token was refreshed but the new pair could not be saved (\(error)); the old refresh token no longer works"))
        }
        tokens = fresh
    }
}
