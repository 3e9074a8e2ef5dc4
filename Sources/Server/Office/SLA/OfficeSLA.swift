import Foundation
import Models

/// Where a claim stands against the SLA as the office and the participant see it.
///
/// The claim's own clock starts when the CSO confirms the documents complete. Until then a
/// claim that has been submitted gets a provisional clock from the moment it was received, so
/// claims waiting for the document check carry a due date too and rise in the CSO's worklist
/// (and the participant hears of a delay) before the CSO has looked at them.
struct OfficeSLA: Hashable, Sendable {
    var status: SLAStatus
    /// The clock the status comes from.
    var clock: SLAClock
    /// Whether the clock is provisional (documents not yet confirmed complete).
    var provisional: Bool
    /// When the participant can expect payment; `nil` for closed claims.
    var estimatedPaymentDate: LocalDate?

    init(claim: Claim, statusSince: Date, at now: Date, policy: SLAPolicy, zone: IndonesianTimeZone, calendar: WorkingDayCalendar) {
        if claim.sla.startedAt == nil, claim.status == .submitted {
            clock = SLAClock(startedAt: statusSince)
            provisional = true
        } else {
            clock = claim.sla
            provisional = false
        }
        status = claim.status.isFinal ? .notStarted : clock.status(at: now, policy: policy, zone: zone, calendar: calendar)
        estimatedPaymentDate = PaymentEstimate.date(
            status: claim.status,
            clock: clock,
            at: now,
            policy: policy,
            zone: zone,
            calendar: calendar
        )
    }

    /// Whether the claim is at risk of missing the SLA or has missed it.
    var isAtRiskOrBreached: Bool {
        switch status {
        case .atRisk, .breached: true
        case .notStarted, .onTrack, .paused: false
        }
    }

    var isBreached: Bool {
        if case .breached = status { return true }
        return false
    }
}
