import Hummingbird
import NIOCore
import Synchronization

/// Answers the live stream (`GET /v1/sync/live`) so that a held stream keeps little memory: the
/// request is handled as every other (middlewares, the generated layer, the handler) in a task
/// of its own, which ends once the answer's head is ready, and the stream's events are then
/// written straight from the handler's ``LiveEventBytes``. Every other request is handled as
/// it comes.
///
/// A Swift task keeps the memory its deepest call needed until the task ends (the task allocator
/// keeps its slabs), and a connection's task lives as long as the connection. Handled there, a
/// live stream's set-up (the middlewares, the generated layer, the token check, the store read
/// of the buckets' heads) would stay with every held stream, about 48 KiB each; and the
/// generated layer's body, wrapped in its own sequences, keeps its request with it. Here the
/// set-up's frames are freed with its task and the connection keeps only the frames that write
/// the events.
struct HeldStreamResponder: HTTPResponder {
    typealias Context = ServiceRequestContext

    let base: RouterResponder<ServiceRequestContext>

    func respond(to request: Request, context: Context) async throws -> Response {
        guard request.method == .get, request.uri.path == "/v1/sync/live" else { return try await forward(request, context) }
        // Started without awaiting, then awaited in a function of its own: this frame keeps
        // neither the request nor its context while the set-up runs, and stays small.
        return try await Self.held(Self.setUp(request, context, on: base))
    }

    /// The set-up of a held stream, running in a task of its own: the answer, and the events the
    /// handler left in the slot.
    private static func setUp(
        _ request: Request,
        _ context: Context,
        on base: RouterResponder<Context>
    )
        -> Task<(Response, LiveEventBytes?), any Error>
    {
        Task {
            let slot = HeldStreamSlot()
            let response = try await HeldStreamSlot.$current.withValue(slot) { try await base.respond(to: request, context: context) }
            return (response, slot.take())
        }
    }

    /// The set-up's answer; when it is the stream, with the events written straight from the
    /// handler's stream.
    ///
    /// The set-up is awaited without a cancellation handler: its frame would cost every held
    /// stream another slab of its connection's task (about 1.1 KiB). A phone that leaves during
    /// the set-up (a read of its buckets' heads) lets it finish, and its stream then leaves the hub
    /// here.
    @inline(never)
    private static func held(_ setUp: Task<(Response, LiveEventBytes?), any Error>) async throws -> Response {
        var (response, events) = try await setUp.value
        try attach(events, to: &response)
        return response
    }

    /// Makes `events` the body of `response` when it is the stream; ends them otherwise. Not
    /// async and kept out of line, so that its frame is not kept with the stream either.
    @inline(never)
    static func attach(_ events: LiveEventBytes?, to response: inout Response) throws {
        guard let events else { return }
        // The phone left during the set-up.
        if Task.isCancelled {
            events.finish()
            throw CancellationError()
        }
        // An answer that is not the stream (a problem) goes out as it is.
        guard response.status == .ok else {
            events.finish()
            return
        }
        response.body = ResponseBody { writer in
            for await chunk in events { try await writer.write(ByteBuffer(bytes: chunk)) }
            try await writer.finish(nil)
        }
    }

    /// Every other request. Kept out of line: inlined, its frame would make ``respond(to:context:)``'s
    /// larger, and a held stream's connection keeps that frame's memory for as long as it is held.
    @inline(never)
    private func forward(_ request: Request, _ context: Context) async throws -> Response {
        try await base.respond(to: request, context: context)
    }
}

/// Where the live stream's handler leaves the stream it opened for ``HeldStreamResponder``.
/// Without a responder around the handler (`current` is `nil`) the generated layer writes the
/// stream from the handler's body, with the same bytes.
final class HeldStreamSlot: Sendable {
    @TaskLocal static var current: HeldStreamSlot?

    private let events = Mutex<LiveEventBytes?>(nil)

    func hold(_ stream: LiveEventBytes) { events.withLock { $0 = stream } }

    func take() -> LiveEventBytes? { events.withLock { $0.take() } }
}
