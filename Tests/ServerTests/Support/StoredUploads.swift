import Foundation
import Models
import Server
import Sync

/// Finished, verified uploads registered directly in the store, as if the phone had uploaded
/// them over tus: for tests about the workflow, not about uploading (those use UploadHelpers).
func storedUploads(
    _ kinds: [DocumentKind],
    owner: Participant.ID,
    claimID: UUID,
    store: any UploadStore,
    at date: Date = Date(),
    makeID: () -> UUID = { UUID() }
) async throws -> [DocumentKind: UUID] {
    var ids: [DocumentKind: UUID] = [:]
    for kind in kinds {
        let id = makeID()
        let format: DocumentFormat = kind == .selfie ? .jpeg : .pdf
        try await store.insert(
            upload: UploadRecord(
                id: id,
                owner: owner,
                length: 1_500,
                offset: 1_500,
                metadata: UploadMetadata(filename: "\(kind.rawValue).\(format == .jpeg ? "jpg" : "pdf")", claimID: claimID, kind: kind),
                format: format,
                sha256: String(repeating: "5e", count: 32),
                verified: true,
                createdAt: date,
                expiresAt: date.addingTimeInterval(86_400),
                completedAt: date
            )
        )
        ids[kind] = id
    }
    return ids
}

/// The `attachDocument` arguments naming a stored upload.
func attachArguments(_ uploadID: UUID?, claimID: UUID) -> [String: JSONValue] {
    ["claimID": .string(claimID.uuidString), "uploadID": .string(uploadID?.uuidString ?? UUID().uuidString)]
}
