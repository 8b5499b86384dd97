import Hummingbird

/// Checks the bearer token of a request and the scopes it carries.
struct Authenticator: Sendable {
    let store: DriveStore

    func grant(_ request: Request, scope: String? = nil) throws -> TokenGrant {
        guard let header = request.headers[.authorization] else {
            throw EmulatorFailure.unauthorized("the Authorization header is missing")
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw EmulatorFailure.unauthorized("the Authorization header is not a Bearer token")
        }
        guard let grant = try store.grant(for: String(parts[1])) else {
            throw EmulatorFailure.unauthorized("the access token is invalid, expired or revoked")
        }
        if let scope, !grant.scopes.contains(scope) {
            throw EmulatorFailure.forbidden("this integration lacks the \(scope) scope")
        }
        return grant
    }
}
