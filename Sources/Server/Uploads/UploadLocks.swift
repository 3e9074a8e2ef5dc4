import Foundation
import Synchronization

/// Which uploads have a PATCH being received in this process: one at a time per upload, so
/// two requests never write the same staged bytes.
final class UploadLocks: Sendable {
    private let held = Mutex<Set<UUID>>([])

    /// Takes the lock of `upload`; `false` if a request holds it.
    func acquire(_ upload: UUID) -> Bool { held.withLock { $0.insert(upload).inserted } }

    func release(_ upload: UUID) { _ = held.withLock { $0.remove(upload) } }
}
