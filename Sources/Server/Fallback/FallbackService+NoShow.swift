import Foundation
import Logging
import Models

extension FallbackService {
    /// Expires booked appointments not checked in by their no-show deadline: the place is
    /// freed and the ticket can be booked again. Returns how many were expired.
    @discardableResult
    func sweepNoShows(limit: Int = 200) async throws -> Int {
        let cutoff = now().addingTimeInterval(-TimeInterval(policy.noShowAfterMinutes * 60))
        var expired = 0
        for appointment in try await store.bookedAppointments(endingBefore: cutoff, limit: limit) {
            // Moved by the participant or an officer since it was listed: the step finds it so and skips it.
            let missed = try await step(on: appointment.ticketID) { context, draft, _ -> Bool in
                guard context.ticket.appointmentID == appointment.id, context.ticket.status == .booked,
                    let active = context.appointment, active.status == .booked
                else { return false }
                _ = try Self.expire(active, in: context, draft: &draft)
                return true
            }
            if missed {
                expired += 1
                logger.info("fallback appointment missed", metadata: ["ticket": "\(appointment.ticketID)", "date": "\(appointment.date)"])
            }
        }
        if expired > 0 { logger.info("fallback no-shows expired", metadata: ["count": "\(expired)"]) }
        return expired
    }
}
