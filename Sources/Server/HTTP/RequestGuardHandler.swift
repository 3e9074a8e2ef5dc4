import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Sits in every HTTP/1 connection's pipeline, between the HTTP codec and the application, and
/// carries out what ``RequestGuard`` decides: passes request parts on or drops them, fails a
/// body that is too large or too slow (its reader sees ``RequestCutOff``), and closes the
/// connection instead of reading the rest of a cut-off body.
///
/// A connection closing after a 413 first stops writing and keeps discarding what the client
/// still sends for ``linger``, so a client busy sending reads its answer instead of a reset.
final class RequestGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    /// How long a closing connection discards input before it closes for good.
    static let linger = TimeAmount.seconds(1)

    private let limits: BodyLimits
    private let timeouts: RequestTimeouts
    private var state: RequestGuard
    private var clock: Scheduled<Void>?
    private var closing = false

    init(limits: BodyLimits, timeouts: RequestTimeouts) {
        self.limits = limits
        self.timeouts = timeouts
        self.state = RequestGuard(timeouts: timeouts)
    }

    /// How a connection sizes its receive buffer, which it keeps between reads. Most connections
    /// hold a live stream after one small request (a few hundred bytes), so the buffer starts at
    /// 1 KiB instead of NIO's 2 KiB: 1 KiB less per held stream. It grows for larger reads as
    /// NIO's does, up to 64 KiB.
    static let receiveBuffers = AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 1024, maximum: 65_536)

    func handlerAdded(context: ChannelHandlerContext) {
        // Set before the connection's first read; a channel that is already closed has nothing to read.
        try? context.channel.syncOptions?.setOption(ChannelOptions.recvAllocator, value: Self.receiveBuffers)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !closing else { return }
        let action: RequestGuard.Action
        switch unwrapInboundIn(data) {
        case .head(let head):
            let limit = limits.limit(method: head.method, path: head.path ?? "/")
            let length = head.headerFields[.contentLength].flatMap { Int($0) }
            action = state.head(limit: limit, contentLength: length, now: NIODeadline.now().uptimeNanoseconds)
        case .body(let buffer):
            action = state.body(bytes: buffer.readableBytes)
        case .end:
            action = state.end()
        }
        perform(action, context: context, part: data)
        watchTheClock(context: context)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard case .end = unwrapOutboundIn(data) else {
            context.write(data, promise: promise)
            return
        }
        switch state.responseEnded() {
        case .close:
            let written = promise ?? context.eventLoop.makePromise()
            context.writeAndFlush(data, promise: written)
            written.futureResult.assumeIsolatedUnsafeUnchecked().whenComplete { _ in self.lingerThenClose(context: context) }
        default:
            context.write(data, promise: promise)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTheClock()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTheClock()
    }

    /// Carries out an action; `part` is the request part it is about, if any.
    private func perform(_ action: RequestGuard.Action, context: ChannelHandlerContext, part: NIOAny? = nil) {
        switch action {
        case .forward:
            if let part { context.fireChannelRead(part) }
        case .drop, .none:
            break
        case .fail(let reason):
            context.fireErrorCaught(reason)
        case .failAndClose(let reason):
            context.fireErrorCaught(reason)
            closing = true
            context.close(promise: nil)
        case .close:
            lingerThenClose(context: context)
        }
    }

    /// While a body is read, checks its pace every ``RequestTimeouts/checkInterval``.
    private func watchTheClock(context: ChannelHandlerContext) {
        guard state.isReadingBody, clock == nil, !closing else {
            if !state.isReadingBody { stopTheClock() }
            return
        }
        clock = context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: .nanoseconds(Int64(timeouts.checkInterval * 1e9))) {
            self.clock = nil
            self.perform(self.state.tick(now: NIODeadline.now().uptimeNanoseconds), context: context)
            self.watchTheClock(context: context)
        }
    }

    private func stopTheClock() {
        clock?.cancel()
        clock = nil
    }

    private func lingerThenClose(context: ChannelHandlerContext) {
        guard !closing else { return }
        closing = true
        stopTheClock()
        let outputClosed = context.eventLoop.makePromise(of: Void.self)
        context.close(mode: .output, promise: outputClosed)
        outputClosed.futureResult.assumeIsolatedUnsafeUnchecked().whenComplete { result in
            guard case .success = result else {
                context.close(promise: nil)
                return
            }
            context.eventLoop.assumeIsolatedUnsafeUnchecked().scheduleTask(in: Self.linger) { context.close(promise: nil) }
        }
    }
}
