import Foundation
import Models
import Sync

/// Shows, before the server answers, what an intent in the outbox will most likely do, so the
/// participant sees it at once.
///
/// Only two intents are predicted: `createClaimDraft` creates the claim as a draft (claimID,
/// participant, branch, reason, channel and creation time from its arguments, the id
/// defaulting to the record's), and `attachDocument` adds the document its arguments
/// describe (`documentID`, `kind`, `sha256`, `byteCount`, `contentType`) to the claim, even
/// while its upload is still running. Every other intent changes nothing locally until the
/// server's answer arrives. A prediction never outlives the outbox entry: when the server
/// answers, its record replaces the guess.
public enum IntentPredictor {
    /// The record after `intent`, as far as it can be predicted; `current` when it cannot.
    public static func predict(_ intent: Intent, on current: SyncRecord?, mutation: Mutation, schema: RecordSchema) -> SyncRecord? {
        switch try? IntentCall(intent) {
        case .createClaimDraft(let arguments)?: draft(arguments, on: current, mutation: mutation, schema: schema) ?? current
        case .attachDocument(let arguments)?: attach(arguments, on: current, mutation: mutation, schema: schema) ?? current
        default: current
        }
    }

    static func draft(_ draft: CreateClaimDraft, on current: SyncRecord?, mutation: Mutation, schema: RecordSchema) -> SyncRecord? {
        guard current == nil else { return nil }
        guard let id = draft.claimID ?? UUID(uuidString: mutation.record.id).map({ Claim.ID(rawValue: $0) }) else { return nil }
        let claim = Claim(
            id: id,
            participantID: draft.participantID ?? Participant.ID(UUID()),
            branchID: draft.branchID ?? "",
            reason: draft.reason,
            channel: draft.channel ?? .app,
            status: .draft,
            createdAt: draft.createdAt ?? Date(timeIntervalSince1970: Double(mutation.clock.millis) / 1000)
        )
        guard var fields = try? JSONValue(encoding: claim).objectValue else { return nil }
        // What the arguments do not say, the server decides: leave it out rather than guess.
        if draft.participantID == nil { fields["participantID"] = nil }
        if draft.branchID == nil { fields["branchID"] = nil }
        if draft.channel == nil { fields["channel"] = nil }
        // The server creates the record; the prediction does what it will do.
        let applied = Merge.apply(
            .create(fields: fields),
            to: nil,
            key: mutation.record,
            schema: schema,
            clock: mutation.clock,
            tag: mutation.id.uuidString,
            writer: .server
        )
        return try? applied.get().record
    }

    static func attach(_ attach: AttachDocument, on current: SyncRecord?, mutation: Mutation, schema: RecordSchema) -> SyncRecord? {
        guard let id = attach.documentID ?? attach.uploadID, let kind = attach.kind, let sha256 = attach.sha256,
            let byteCount = attach.byteCount, let contentType = attach.contentType
        else { return nil }
        let document = ClaimDocument(
            id: ClaimDocument.ID(id),
            kind: kind,
            sha256: sha256,
            byteCount: byteCount,
            contentType: contentType,
            attachedAt: Date(timeIntervalSince1970: Double(mutation.clock.millis) / 1000),
            uploadID: attach.uploadID
        )
        guard let value = try? JSONValue(encoding: document) else { return nil }
        let applied = Merge.apply(
            .addElement(field: "documents", elementID: id.uuidString, value: value),
            to: current,
            key: mutation.record,
            schema: schema,
            clock: mutation.clock,
            tag: mutation.id.uuidString,
            writer: .server  // predicts the server's checked add
        )
        return try? applied.get().record
    }
}
