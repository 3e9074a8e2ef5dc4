import APIClient
import APITypes
import Foundation
import Models
import PhoneSync
import Sync

extension ClaimApp {
    /// The result of the face check the phone ran (the vendor's SDK), reported to the server,
    /// which counts failures and opens a fallback ticket after too many.
    func reportFaceCheck(failedBecause reason: BiometricAttempt.FailureReason?, for claim: RecordKey) throws {
        let attempt = BiometricAttempt(
            id: .init(UUID()),
            participantID: participantID,
            claimID: .init(try UUID(uuidString: claim.id).orThrow()),
            result: reason == nil ? .passed : .failed,
            failureReason: reason,
            livenessScore: reason == nil ? 0.97 : 0.3,
            deviceID: DeviceID(tokens.deviceID),
            attemptedAt: Date()
        )
        try sync.mutate(
            record: RecordKey(type: BiometricAttempt.syncSchema.type, id: attempt.recordID),
            operation: .intent(IntentCall.reportBiometricAttempt(ReportBiometricAttempt(attempt: attempt)).intent)
        )
    }

    /// The claim's fallback ticket, once the server opened one (it syncs to the phone).
    func fallbackTicket(for claim: RecordKey) throws -> FallbackTicket? {
        let id = FallbackTicket.id(forClaim: .init(try UUID(uuidString: claim.id).orThrow()))
        return try sync.store.localModel(FallbackTicket.self, id: id.rawValue.uuidString)
    }

    /// The working days with a free place for a branch visit at the participant's branch.
    func freeBranchVisitDays() async throws -> [String] {
        let availability = try await api.getFallbackAvailability(query: .init(kind: .branchVisit)).ok.body.json
        return availability.days.filter { $0.free > 0 }.map(\.date)
    }

    /// Books a branch visit for the ticket on `date`; the appointment (queue number, time)
    /// reaches the replica with the next sync.
    func bookBranchVisit(_ ticket: FallbackTicket, on date: String) async throws -> Appointment? {
        let booked = try await api.bookFallbackAppointment(
            path: .init(ticketId: ticket.id.rawValue.uuidString),
            body: .json(.init(kind: .branchVisit, date: date))
        )
        guard case .created(let created) = booked, let appointment = try created.body.json.appointment else { return nil }
        try await sync.syncNow()
        return try sync.store.localModel(Appointment.self, id: appointment.id)
    }
}

extension Optional {
    /// The value, or a thrown error when there is none.
    func orThrow() throws -> Wrapped {
        guard let self else { throw CocoaError(.coderValueNotFound) }
        return self
    }
}
