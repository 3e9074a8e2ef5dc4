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
            // A conflict means the participant or an officer moved it just now: the next sweep sees it again.
            let context = try await context(of: appointment.ticketID)
            guard context.ticket.appointmentID == appointment.id, context.ticket.status == .booked,
                context.appointment?.status == .booked
            else { continue }
            if try await expire(appointment, in: context) != nil { expired += 1 }
        }
        if expired > 0 { logger.info("fallback no-shows expired", metadata: ["count": "\(expired)"]) }
        return expired
    }
}
