import Hummingbird
import NIOCore

/// The service's request context: Hummingbird's basic one and the address of the peer, from
/// which ``ClientAddressMiddleware`` finds the client's.
public struct ServiceRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
