import Models

/// Every record type that syncs, by its wire name. Phone and server look schemas up here.
public enum RecordSchemas {
    /// Every record type that syncs, by type.
    public static let all: [String: RecordSchema] = Dictionary(
        uniqueKeysWithValues: [
            Claim.syncSchema, ParticipantProfile.syncSchema, BiometricAttempt.syncSchema, Branch.syncSchema,
            // The office side: notifications to the participant and the satisfaction survey.
            ParticipantNotification.syncSchema, SurveyResponse.syncSchema,
            // Fallback tickets and their appointments (biometric-failure fallback).
            FallbackTicket.syncSchema, Appointment.syncSchema,
            // The membership and the balance from the ledger.
            MembershipStatement.syncSchema,
        ].map { ($0.type, $0) }
    )

    /// The schema of `type`, if it syncs.
    public static func schema(for type: String) -> RecordSchema? { all[type] }
}

extension SyncRecord {
    /// A record holding `model`'s fields, each written at `clock` (set fields as whole sets).
    public static func make<M: SyncedModel>(_ model: M, clock: HLCTimestamp, tag: String) throws -> SyncRecord {
        guard case .object(let fields) = try JSONValue(encoding: model) else {
            throw Rejection(code: "record.notAnObject", message: "A \(M.syncSchema.type) must encode as an object.")
        }
        let key = RecordKey(type: M.syncSchema.type, id: model.recordID)
        switch Merge.apply(.create(fields: fields), to: nil, key: key, schema: M.syncSchema, clock: clock, tag: tag, writer: .server) {
        case .success(let applied): return applied.record
        case .failure(let rejection): throw rejection
        }
    }
}
