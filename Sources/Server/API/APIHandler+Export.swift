import APITypes
import Foundation
import Models
import Sync

extension APIHandler {
    /// `GET /v1/me/export`: everything the service keeps about the signed-in participant, for
    /// the right of access (UU PDP 27/2022). Only their own: the participant comes from the
    /// token, never from the request.
    func getMyExport(_ input: Operations.GetMyExport.Input) async throws -> Operations.GetMyExport.Output {
        let account = try await signedInAccount()
        let participantID = account.participant.id
        let snapshot = try await store.snapshot(of: .participant(participantID.rawValue.uuidString))
        let records = snapshot.records.values.filter { !$0.deleted }.sorted { $0.key.id < $1.key.id }
        func models<M: SyncedModel>(_ type: M.Type) throws -> [M] {
            try records.filter { $0.key.type == M.syncSchema.type }.map { try $0.decode(as: M.self) }
        }
        let export = ParticipantExportDocument(
            exportedAt: now(),
            participant: account.participant,
            membership: account.membership,
            profile: try models(ParticipantProfile.self).first,
            claims: try models(Claim.self),
            ledger: try await store.ledger(of: participantID).entries,
            documents: try await store.uploads(owner: participantID).map(ExportedDocument.init),
            tickets: try models(FallbackTicket.self),
            appointments: try models(Appointment.self),
            notifications: try models(ParticipantNotification.self),
            surveys: try models(SurveyResponse.self),
            biometricAttempts: try models(BiometricAttempt.self)
        )
        return .ok(.init(body: .json(try WireBridge.convert(export))))
    }
}

/// The `ParticipantExport` document, built from domain values.
struct ParticipantExportDocument: Encodable {
    var exportedAt: Date
    var participant: Participant
    var membership: Membership
    var profile: ParticipantProfile?
    var claims: [Claim]
    var ledger: [LedgerEntry]
    var documents: [ExportedDocument]
    var tickets: [FallbackTicket]
    var appointments: [Appointment]
    var notifications: [ParticipantNotification]
    var surveys: [SurveyResponse]
    var biometricAttempts: [BiometricAttempt]
}

/// What the export says of an uploaded document: its metadata, never its bytes (those are
/// fetched one by one from `/v1/claims/{claimID}/documents/{documentID}`).
struct ExportedDocument: Encodable {
    var uploadID: UUID
    var filename: String?
    var filetype: String?
    var kind: DocumentKind?
    var claimID: UUID?
    var format: String?
    var length: Int64
    var received: Int64
    var sha256: String?
    var verified: Bool
    var createdAt: Date
    var completedAt: Date?

    init(_ upload: UploadRecord) {
        uploadID = upload.id
        filename = upload.metadata.filename
        filetype = upload.metadata.filetype
        kind = upload.metadata.kind
        claimID = upload.metadata.claimID
        format = upload.format?.rawValue
        length = upload.length
        received = upload.offset
        sha256 = upload.sha256
        verified = upload.verified
        createdAt = upload.createdAt
        completedAt = upload.completedAt
    }
}
