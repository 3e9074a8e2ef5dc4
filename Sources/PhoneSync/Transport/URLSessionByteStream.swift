import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A response body as it arrives, chunk by chunk, from a URLSession data task: the byte
/// stream the live stream reads. It works the same on Apple platforms and on Linux, where
/// FoundationNetworking has no `bytes(for:)`: a session delegate forwards each chunk.
enum URLSessionByteStream {
    /// What the stream yields: the response head first, then the body's chunks.
    enum Part: Sendable {
        case response(HTTPURLResponse)
        case bytes(Data)
    }

    /// Starts `request` on a new session made from `configuration`; the stream ends with the
    /// body (or the connection's error), and ending it early cancels the request and
    /// releases the session.
    static func parts(of request: URLRequest, configuration: URLSessionConfiguration) -> AsyncThrowingStream<Part, any Error> {
        AsyncThrowingStream { continuation in
            let forwarder = Forwarder(continuation)
            let session = URLSession(configuration: configuration, delegate: forwarder, delegateQueue: nil)
            let task = session.dataTask(with: request)
            continuation.onTermination = { _ in
                task.cancel()
                session.invalidateAndCancel()
            }
            task.resume()
        }
    }

    /// The session delegate that forwards what arrives into the stream.
    final class Forwarder: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        // The continuation is Sendable; the class holds nothing else.
        let continuation: AsyncThrowingStream<Part, any Error>.Continuation

        init(_ continuation: AsyncThrowingStream<Part, any Error>.Continuation) {
            self.continuation = continuation
        }

        func urlSession(
            _ session: URLSession,
            dataTask: URLSessionDataTask,
            didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            if let response = response as? HTTPURLResponse {
                continuation.yield(.response(response))
                completionHandler(.allow)
            } else {
                continuation.finish(throwing: URLError(.badServerResponse))
                completionHandler(.cancel)
            }
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            continuation.yield(.bytes(data))
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            if let error { continuation.finish(throwing: error) } else { continuation.finish() }
        }
    }
}
