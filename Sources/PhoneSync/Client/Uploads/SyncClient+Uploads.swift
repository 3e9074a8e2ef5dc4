import Foundation
import Models
import Sync
import Synchronization

extension SyncClient {
    /// Queues a document for upload with its held attach mutation (see
    /// ``ReplicaStore/queueDocument(_:kind:for:filename:maxBytes:id:)``). Run a
    /// ``DocumentUploader`` to send it; the attach mutation is pushed once the upload completes.
    @discardableResult
    public func queueDocument(
        _ bytes: Data,
        kind: DocumentKind,
        for claim: RecordKey,
        filename: String? = nil,
        maxBytes: Int64,
        id: UUID = UUID()
    ) throws -> QueuedUpload {
        try shared.withLock { _ in try store.queueDocument(bytes, kind: kind, for: claim, filename: filename, maxBytes: maxBytes, id: id) }
    }

    /// The upload finished: releases its attach mutation and tells the sync loop.
    func completeUpload(id: UUID, uploadID: UUID) throws {
        try shared.withLock { shared in
            try store.releaseUpload(id: id, uploadID: uploadID)
            try feed(.localChange, &shared)
        }
    }

    /// The server refused the file for good: drops its attach mutation, keeping the reason.
    func failUpload(id: UUID, rejection: Rejection) throws {
        try shared.withLock { _ in try store.dropUpload(id: id, rejection: rejection) }
    }

    /// The access token for uploads: the held one, or the provider's.
    func uploadToken() async throws -> String {
        if let token = accessToken { return token }
        let token = try await tokens.accessToken()
        shared.withLock { $0.accessToken = token }
        return token
    }

    /// Gets a new access token after a 401 and keeps it for pushes and pulls too.
    func refreshUploadToken() async throws -> String {
        let token = try await tokens.refresh()
        shared.withLock { $0.accessToken = token }
        return token
    }
}
