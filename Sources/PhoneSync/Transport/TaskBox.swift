import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Holds a URLSession task so that a Swift task's cancellation can cancel it, whether the
/// cancellation comes before or after the task starts.
final class TaskBox: Sendable {
    private enum State {
        case waiting
        case running(URLSessionTask)
        case cancelled
    }

    private let state = Mutex<State>(.waiting)

    /// Resumes `task`, or cancels it at once if the caller was cancelled already.
    func start(_ task: URLSessionTask) {
        let cancelled = state.withLock { state in
            if case .cancelled = state { return true }
            state = .running(task)
            return false
        }
        if cancelled { task.cancel() }
        task.resume()
    }

    /// Cancels the task (now, or as soon as it is started).
    func cancel() {
        let running = state.withLock { state -> URLSessionTask? in
            defer { state = .cancelled }
            if case .running(let task) = state { return task }
            return nil
        }
        running?.cancel()
    }
}
