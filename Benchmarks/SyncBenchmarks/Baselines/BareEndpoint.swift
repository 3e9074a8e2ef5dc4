import Foundation
import GRDB
import Hummingbird
import Logging
import NIOCore
import PhoneSync
import Sync

/// The framework's own speed: a Hummingbird route on a GRDB database of the same kind as the
/// service's (a WAL file), which decodes the same push body, inserts one row per mutation in
/// one transaction and answers each as applied. No authentication, no merge, no change log.
enum BareEndpoint {
    static func start(databasePath: String) async throws -> InProcessServer {
        let pool = try DatabasePool(path: databasePath)
        try await pool.write { db in
            try db.execute(sql: "CREATE TABLE mutation (device TEXT, counter INTEGER, id TEXT, body BLOB, PRIMARY KEY (device, counter))")
        }
        let router = Router()
        router.post("/v1/sync/push") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1024 * 1024)
            let push = try WireCoding.decoder.decode(PushRequest.self, from: Data(body.readableBytesView))
            let bytes = Data(body.readableBytesView)
            try await pool.write { db in
                for mutation in push.mutations {
                    try db.execute(
                        sql: "INSERT INTO mutation (device, counter, id, body) VALUES (?, ?, ?, ?)",
                        arguments: [mutation.deviceID, mutation.counter, mutation.id.uuidString, bytes]
                    )
                }
            }
            let answer = PushResponse(
                results: push.mutations.map { MutationResult(mutationID: $0.id, counter: $0.counter, outcome: .applied) }
            )
            return Response(
                status: .ok,
                headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(bytes: try WireCoding.encoder.encode(answer)))
            )
        }
        let ports = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in ports.continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "bare", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        return try await InProcessServer.run(app, ports: ports.stream)
    }
}
