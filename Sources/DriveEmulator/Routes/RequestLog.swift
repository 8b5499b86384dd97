import Hummingbird
import Logging

/// A line per request answered (`request PUT /api/v4/leads/5/files 202`), so a test or a
/// person can see what a client sent, and what it did not.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        if !request.uri.path.hasPrefix("/_emulator/") {
            logger.info("request \(request.method) \(request.uri.path) \(response.status.code)")
        }
        return response
    }
}
