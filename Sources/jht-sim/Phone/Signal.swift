import Foundation
import Synchronization

/// Wakes waiters when something happened (a poke arrived), without polling. Each event bumps
/// a version; a waiter names the version it has seen and returns once a newer one exists or
/// its time is up.
final class Signal: Sendable {
    private struct State {
        var version = 0
        var waiters: [UUID: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    var version: Int { state.withLock { $0.version } }

    func notify() {
        let waiters = state.withLock { state in
            state.version += 1
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume() }
    }

    /// Returns when the version passes `seen` or after `seconds`; true if it passed.
    @discardableResult
    func wait(beyond seen: Int, seconds: Double) async -> Bool {
        let id = UUID()
        let timeout = Task {
            try? await Task.sleep(for: .seconds(seconds))
            self.expire(id)
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let now = state.withLock { state in
                if state.version > seen { return true }
                state.waiters[id] = continuation
                return false
            }
            if now { continuation.resume() }
        }
        timeout.cancel()
        return version > seen
    }

    private func expire(_ id: UUID) {
        let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
        waiter?.resume()
    }
}
