import NIOCore
import NIOPosix
import Synchronization

/// A TCP proxy on loopback between a phone and a live server that breaks connections on
/// demand: a real network fault, seen by the phone's HTTP stack as a reset or a truncated
/// exchange, not a simulated error.
///
/// `cutAll()` drops every open connection (the live stream's among them);
/// `cut(afterUpstreamBytes:)` lets that many more request bytes through, then drops the
/// connection carrying them (an upload cut mid-chunk).
final class CuttingProxy: Sendable {
    private struct State {
        var links: [ObjectIdentifier: (any Channel, any Channel)] = [:]
        /// Request bytes still allowed before the armed cut, if one is armed.
        var budget: Int?
        var cuts = 0
        var connections = 0
        var upstreamBytes = 0
    }

    let port: Int
    private let listener: any Channel
    private let state = Mutex(State())

    private init(listener: any Channel) {
        self.listener = listener
        self.port = listener.localAddress?.port ?? 0
    }

    /// A proxy on a free loopback port forwarding to `127.0.0.1:target`.
    static func start(forwardingTo target: Int) async throws -> CuttingProxy {
        let box = Mutex<CuttingProxy?>(nil)
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { inbound in
                ClientBootstrap(group: inbound.eventLoop).connect(host: "127.0.0.1", port: target).flatMap { outbound in
                    guard let proxy = box.withLock({ $0 }) else {
                        return inbound.eventLoop.makeFailedFuture(ChannelError.ioOnClosedChannel)
                    }
                    proxy.register(inbound, outbound)
                    return outbound.pipeline.addHandler(Pipe(peer: inbound, proxy: proxy, upstream: false)).flatMap {
                        inbound.pipeline.addHandler(Pipe(peer: outbound, proxy: proxy, upstream: true))
                    }
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        let proxy = CuttingProxy(listener: listener)
        box.withLock { $0 = proxy }
        return proxy
    }

    /// Drops every open connection now.
    func cutAll() {
        let links = state.withLock { state in
            defer {
                state.links = [:]
                state.cuts += 1
            }
            return Array(state.links.values)
        }
        for (inbound, outbound) in links {
            inbound.close(promise: nil)
            outbound.close(promise: nil)
        }
    }

    /// Lets `bytes` more request bytes through, then drops the connection that carries the
    /// next one.
    func cut(afterUpstreamBytes bytes: Int) { state.withLock { $0.budget = bytes } }

    /// How many cuts happened (each `cutAll()` and each armed cut that fired).
    var cuts: Int { state.withLock { $0.cuts } }

    /// How many connections the proxy accepted.
    var connections: Int { state.withLock { $0.connections } }

    /// Request bytes forwarded so far.
    var upstreamBytes: Int { state.withLock { $0.upstreamBytes } }

    func close() async throws {
        cutAll()
        try await listener.close()
    }

    fileprivate func register(_ inbound: any Channel, _ outbound: any Channel) {
        state.withLock { state in
            state.links[ObjectIdentifier(inbound)] = (inbound, outbound)
            state.connections += 1
        }
    }

    fileprivate func forget(_ inbound: any Channel) {
        _ = state.withLock { $0.links.removeValue(forKey: ObjectIdentifier(inbound)) }
    }

    /// How many of `count` request bytes may pass; fewer than `count` means the cut fires.
    fileprivate func allow(_ count: Int) -> Int {
        state.withLock { state in
            guard let budget = state.budget else {
                state.upstreamBytes += count
                return count
            }
            if budget >= count {
                state.budget = budget - count
                state.upstreamBytes += count
                return count
            }
            state.budget = nil
            state.cuts += 1
            state.upstreamBytes += budget
            return budget
        }
    }

    /// Copies bytes to the other side; the request side spends the cut budget.
    private final class Pipe: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer

        let peer: any Channel
        let proxy: CuttingProxy
        let upstream: Bool

        init(peer: any Channel, proxy: CuttingProxy, upstream: Bool) {
            self.peer = peer
            self.proxy = proxy
            self.upstream = upstream
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = Self.unwrapInboundIn(data)
            guard upstream else {
                peer.writeAndFlush(buffer, promise: nil)
                return
            }
            let count = buffer.readableBytes
            let allowed = proxy.allow(count)
            if allowed == count {
                peer.writeAndFlush(buffer, promise: nil)
                return
            }
            let head = buffer.readSlice(length: allowed) ?? ByteBuffer()
            let peer = peer
            let inbound = context.channel
            peer.writeAndFlush(head).whenComplete { _ in
                peer.close(promise: nil)
                inbound.close(promise: nil)
            }
        }

        func channelInactive(context: ChannelHandlerContext) {
            if upstream { proxy.forget(context.channel) }
            peer.close(promise: nil)
            context.fireChannelInactive()
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            context.close(promise: nil)
            peer.close(promise: nil)
        }
    }
}
