import Foundation
import HTTPTypes
import Logging
import Models
import Sync

/// Reads the bytes of documents attached to claims, for the only people who may: the
/// participant whose claim it is, and officers of the claim's branch. For anybody else the
/// document does not exist (the same 404 as for an unknown one), so nobody learns that it does.
public struct DocumentAccess: Sendable {
    let store: any Store
    let blobs: any BlobStore
    let logger: Logger

    public init(store: any Store, blobs: any BlobStore, logger: Logger) {
        self.store = store
        self.blobs = blobs
        self.logger = logger
    }

    /// The document and its bytes.
    /// - Throws: 404 `document.notFound` for everything that is not a readable document.
    public func read(claimID: UUID, documentID: UUID, by principal: Principal) async throws -> (ClaimDocument, Data) {
        let key = RecordKey(type: Claim.syncSchema.type, id: claimID.uuidString)
        guard let bucket = try await store.bucket(of: key) else { throw Problem.documentNotFound }
        var officer: Officer?
        switch principal.kind {
        case .participant:
            guard bucket == .participant(principal.id.uuidString) else { throw Problem.documentNotFound }
        case .officer:
            officer = try await store.officer(id: Officer.ID(principal.id))
            guard officer != nil else { throw Problem.documentNotFound }
        }
        let snapshot = try await store.snapshot(of: bucket)
        guard let record = snapshot.records[key], !record.deleted, let claim = try? record.decode(as: Claim.self) else {
            throw Problem.documentNotFound
        }
        if let officer, officer.branchID != claim.branchID { throw Problem.documentNotFound }
        guard let document = claim.documents.first(where: { $0.id.rawValue == documentID }) else { throw Problem.documentNotFound }
        guard let bytes = try await blobs.get(sha256: document.sha256) else {
            logger.error("document blob missing", metadata: ["claim": "\(claimID)", "document": "\(documentID)"])
            throw Problem.documentNotFound
        }
        if let officer {
            // The office's reads are recorded (ids only).
            logger.info(
                "document read by officer",
                metadata: ["claim": "\(claimID)", "document": "\(documentID)", "officer": "\(officer.id)"]
            )
        }
        return (document, bytes)
    }
}

extension Problem {
    static let documentNotFound = Problem(status: .notFound, code: "document.notFound", title: "No such document")
}
