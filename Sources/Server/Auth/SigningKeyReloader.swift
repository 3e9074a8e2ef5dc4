import Foundation
import Logging
import ServiceLifecycle

/// Reads the key file again when it changes, so a rotation (`jht-server keys rotate`) reaches a
/// running server without a restart: the new key verifies at once and signs from its activation.
struct SigningKeyReloader: Service {
    let keys: SigningKeys
    let logger: Logger
    var interval: Duration = .seconds(10)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                do {
                    if let ring = try keys.reloadIfChanged() {
                        logger.notice("signing keys read again", metadata: ["kids": "\(ring.keys.map(\.kid).joined(separator: ","))"])
                    }
                } catch {
                    // The keys in force stay: a half-edited or unreadable file never signs anyone out.
                    logger.error("the signing key file could not be read; the keys in force stay", metadata: ["error": "\(error)"])
                }
            }
        }
    }
}
