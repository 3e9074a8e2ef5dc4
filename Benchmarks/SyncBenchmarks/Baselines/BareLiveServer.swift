import ArgumentParser
import Foundation
import Hummingbird
import NIOCore

/// The framework's own cost of a held stream: a Hummingbird server whose every GET answers
/// with a Server-Sent Events stream that sends one event, then a heartbeat every 15 seconds
/// until the client goes away. No authentication, no subscription, no cursor.
struct BareLiveServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bare-live",
        abstract: "Internal: a bare SSE server for `live`.",
        shouldDisplay: false
    )

    @Option(help: "Port to listen on.") var port: Int

    func run() async throws {
        raiseOpenFileLimit()
        let router = Router()
        router.get("/v1/sync/live") { _, _ -> Response in
            Response(
                status: .ok,
                headers: [.contentType: "text/event-stream"],
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "event: poke\ndata: {\"cursor\":\"\"}\n\n"))
                    while !Task.isCancelled {
                        try await Task.sleep(for: .seconds(15))
                        try await writer.write(ByteBuffer(string: "event: heartbeat\ndata: {}\n\n"))
                    }
                    try await writer.finish(nil)
                }
            )
        }
        router.get("/ready") { _, _ in "ok" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
