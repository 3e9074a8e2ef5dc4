import Foundation
import Models
import Sync

extension IntentHandler {
    /// Records a face-verification attempt as an append-only record.
    func reportBiometricAttempt(
        _ intent: Intent,
        mutation: Mutation,
        records: [RecordKey: SyncRecord]
    ) throws(Rejection)
        -> [RecordEffect]
    {
        let attempt: BiometricAttempt = try argument("attempt", of: intent)
        guard attempt.participantID == participantID else {
            throw Rejection(code: "attempt.otherParticipant", message: "An attempt is reported for yourself only.")
        }
        guard attempt.deviceID.rawValue == mutation.deviceID else {
            throw Rejection(code: "attempt.otherDevice", message: "An attempt is reported by the device that made it.")
        }
        guard (0...1).contains(attempt.livenessScore), (attempt.result == .failed) == (attempt.failureReason != nil) else {
            throw Rejection(code: "attempt.invalid", message: "A failed attempt has a reason; a liveness score is between 0 and 1.")
        }
        let key = RecordKey(type: BiometricAttempt.syncSchema.type, id: attempt.recordID)
        guard key == mutation.record else {
            throw Rejection(code: "intent.invalidTarget", message: "Report an attempt as the record it creates.")
        }
        if records[key] != nil { return [] }  // Already recorded (the same attempt reported twice).
        do {
            guard case .object(let fields) = try JSONValue(encoding: attempt) else { return [] }
            return [RecordEffect(key: key, operation: .create(fields: fields))]
        } catch {
            throw Rejection(code: "attempt.invalid", message: "The attempt could not be read.")
        }
    }
}
