import Foundation
import Models
import Sync

/// Sends the queued documents of a ``SyncClient``'s replica to the server, one at a time,
/// resuming each where the server's bytes end: after an app kill (the queue and the upload's
/// URL are in the replica database), a lost connection or a server fault. When a document is
/// complete its attach mutation is released to the outbox; the next sync pushes it.
///
/// Each document is driven by an ``UploadMachine``; this type performs its actions with an
/// ``UploadTransport`` and records every confirmed step in the replica before the next.
public struct DocumentUploader: Sendable {
    /// What a run did.
    public struct Summary: Hashable, Sendable {
        /// Documents whose upload completed (their attach mutations are released).
        public var completed: [UUID] = []
        /// Documents the server refused for good, with the reason.
        public var failed: [UUID: Rejection] = [:]
        /// Documents still waiting (the run paused on repeated faults).
        public var waiting: [UUID] = []
    }

    let client: SyncClient
    let transport: any UploadTransport
    let chunkSize: Int
    let backoff: RetryBackoff
    let sleep: @Sendable (Double) async throws -> Void

    /// - Parameters:
    ///   - client: the sync client whose replica holds the queue.
    ///   - transport: how to reach the upload endpoints.
    ///   - chunkSize: the most bytes one request carries (a small chunk loses less to a cut).
    ///   - backoff: the retry policy after transient faults.
    ///   - sleep: waits a number of seconds (inject one for tests).
    public init(
        client: SyncClient,
        transport: any UploadTransport,
        chunkSize: Int = 256 * 1024,
        backoff: RetryBackoff = RetryBackoff(),
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.client = client
        self.transport = transport
        self.chunkSize = chunkSize
        self.backoff = backoff
        self.sleep = sleep
    }

    /// Uploads every waiting document, in queue order. A document that pauses on repeated
    /// faults stops the run (the network is likely gone); the rest wait for the next run.
    /// Throws only when the replica database fails or the task is cancelled.
    @discardableResult
    public func run() async throws -> Summary {
        var summary = Summary()
        let waiting = try client.store.queuedUploads().filter { $0.state == .waiting }
        for (index, upload) in waiting.enumerated() {
            try Task.checkCancellation()
            switch try await send(upload) {
            case .finish(let uploadID):
                _ = uploadID
                summary.completed.append(upload.id)
            case .fail(let rejection):
                summary.failed[upload.id] = rejection
            default:
                summary.waiting.append(contentsOf: waiting[index...].map(\.id))
                return summary
            }
        }
        return summary
    }

    /// Drives one document's machine until it finishes, fails or pauses; returns that action.
    func send(_ upload: QueuedUpload) async throws -> UploadMachine.Action {
        var machine = UploadMachine(
            byteCount: upload.byteCount,
            chunkSize: chunkSize,
            location: upload.location,
            confirmedOffset: upload.confirmedOffset,
            backoff: backoff
        )
        var action = machine.handle(.start)
        while true {
            try Task.checkCancellation()
            switch action {
            case .create:
                action = machine.handle(await outcome { .created(location: try await create(upload)) })
                if case .sending = machine.state {
                    try client.store.recordUploadProgress(id: upload.id, location: machine.location, offset: 0)
                }
            case .askOffset(let location):
                action = machine.handle(
                    await outcome { .offsetReported(try await transport.offset(at: location, accessToken: try await client.uploadToken())) }
                )
                if machine.location == nil { try client.store.recordUploadProgress(id: upload.id, location: nil, offset: 0) }
            case .send(let location, let offset, let length):
                let bytes = try client.store.uploadBytes(id: upload.id, offset: offset, length: length)
                action = machine.handle(
                    await outcome {
                        .chunkAccepted(
                            offset: try await transport.send(
                                bytes,
                                to: location,
                                at: offset,
                                checksum: DocumentDigest.uploadChecksum(bytes),
                                accessToken: try await client.uploadToken()
                            )
                        )
                    }
                )
                try client.store.recordUploadProgress(id: upload.id, location: machine.location, offset: machine.offset)
            case .refreshToken:
                do {
                    _ = try await client.refreshUploadToken()
                    action = machine.handle(.tokenRefreshed)
                } catch {
                    action = machine.handle(.tokenRefreshFailed)
                }
            case .wait(let seconds):
                try await sleep(seconds)
                action = machine.handle(.retryTimerFired)
            case .finish(let uploadID):
                try client.completeUpload(id: upload.id, uploadID: uploadID)
                return action
            case .fail(let rejection):
                try client.failUpload(id: upload.id, rejection: rejection)
                return action
            case .pause, .idle:
                return action
            }
        }
    }

    private func create(_ upload: QueuedUpload) async throws -> String {
        var metadata = [
            "filetype": upload.format.mediaType,
            "kind": upload.kind.rawValue,
            "sha256": upload.sha256,
        ]
        if let claimID = UUID(uuidString: upload.claim.id) { metadata["claimID"] = claimID.uuidString }
        if let filename = upload.filename { metadata["filename"] = filename }
        return try await transport.create(length: upload.byteCount, metadata: metadata, accessToken: try await client.uploadToken())
    }

    /// Runs a request and turns its outcome into an event.
    private func outcome(_ request: () async throws -> UploadMachine.Event) async -> UploadMachine.Event {
        do {
            return try await request()
        } catch let error as UploadTransportError {
            return .failed(error)
        } catch {
            return .failed(.transient(String(describing: error)))
        }
    }
}
