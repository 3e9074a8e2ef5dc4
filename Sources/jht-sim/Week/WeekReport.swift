import Foundation
import Models

/// A branch week as its branch head reads it: each day's figures, the staff page's KPIs for
/// the week, and the checks the run made. Plain values, so the report and plots are tested
/// without a server.
struct WeekReport: Codable, Sendable {
    var plan: BranchWeekPlan
    /// Every calendar day of the run, working or not.
    var days: [DayFigures]
    /// The staff page's KPIs over the run's days, as the server computed them.
    var kpis: WeekKPIs?
    /// Claims paid after their due date plus claims still open past it at the end, as the
    /// simulator computes them with Models' SLA clock and working-day calendar.
    var claimsPastSLA: Int
    /// Of those: paid after the due date, and still open past it (a claim still waiting for
    /// the document check counts from when it was received, as the worklist does).
    var paidLate: Int
    var openPastDue: Int
    var paidClaims: Int
    /// Median working days from complete documents to payment (Models' calendar).
    var medianWorkingDaysToPayment: Double?
    /// Median working days from receipt (the first submission) to payment: the wait itself.
    var medianWorkingDaysFromReceipt: Double? = nil
    /// Due dates and estimated payment dates the server reported, each checked against the
    /// working-day calendar; what did not hold.
    var dueDatesChecked: Int
    var dueDateProblems: [String]
    /// Fallback tickets verified in person, and those whose claim did not go on by itself.
    var fallbackVerified: Int
    /// Of those, claims the server could not submit as they stood, by the reason's code (the
    /// participant is told what to complete; nothing already given is asked again).
    var fallbackRefusals: [String: Int]
    var fallbackNotContinued: [String]
    /// Lapak Asik and counter claims the server held for an identity check (a ticket), and those it did not.
    var identityTickets: Int
    var identityChecksNotRequired: Int
    /// The in-person identity checks by purpose (`videoInterview`, `counterCheck`,
    /// `faceCheckFallback`), as the participants' buckets hold them at the end.
    var identityChecks: [String: IdentityFigures] = [:]
    /// Members who filed nothing and looked at their balance; those whose bucket was missing or
    /// whose balance differed.
    var membersLooked: Int
    var memberProblems: [String]
    /// Wall-clock seconds of the run, and of the members' balance looks within it.
    var wallSeconds: Double

    /// Problems that fail the run (as divergences do).
    var problems: [String] { dueDateProblems + fallbackNotContinued + memberProblems }
}

/// One calendar day of the week.
struct DayFigures: Codable, Sendable, Hashable {
    var date: LocalDate
    /// The day off's name (weekend, holiday, collective leave), `nil` on a working day.
    var dayOff: String?
    /// Claims that entered the office (submitted) by channel (`app`, `lapakAsik`, `branch`).
    var received: [String: Int] = [:]
    /// Refused at submit (not eligible, missing documents...).
    var refused = 0
    var paid = 0
    /// At the end of the day: claims waiting for each office role, by status.
    var inOffice: [String: Int] = [:]
    /// At the end of the day: claims waiting for the participant (a correction or another account).
    var waitingForParticipant = 0
    var atRisk = 0
    var breached = 0
    /// SLA notices written that day (at risk, or updates while a problem stays open).
    var notices: [NoticeLine] = []
    /// Fallback appointments of the day kept (checked in) and missed.
    var appointmentsKept = 0
    var appointmentsMissed = 0
    /// The counter: queue numbers handed out, JHT claims taken, people sent home (over the daily JHT cap).
    var queueNumbers = 0
    var counterClaims = 0
    var sentHome = 0
    /// Fallback tickets opened after three failed face checks.
    var fallbackTickets = 0

    var receivedTotal: Int { received.values.reduce(0, +) }
    var inOfficeTotal: Int { inOffice.values.reduce(0, +) }
}

/// SLA notices of one kind, cause and new estimated payment date.
struct NoticeLine: Codable, Sendable, Hashable {
    var kind: String
    /// The cause as the notice states it.
    var cause: String
    var estimatedPaymentDate: LocalDate?
    var count: Int
}

/// The part of the staff page's KPIs the week report prints.
struct WeekKPIs: Codable, Sendable, Hashable {
    struct SLA: Codable, Sendable, Hashable {
        var limitWorkingDays: Int
        var onTime: Int
        var late: Int
        var compliance: Double?
        var medianWorkingDays: Double?
        var p90WorkingDays: Double?
    }

    struct Rate: Codable, Sendable, Hashable {
        var count: Int
        var outOf: Int
        var rate: Double?
    }

    struct ChannelShare: Codable, Sendable, Hashable {
        var channel: String
        var count: Int
    }

    var submitted: Int
    var paid: Int
    var sla: SLA
    var firstTimeRight: Rate
    var corrections: Rate
    var paymentFailures: Rate
    var biometricFallback: Rate
    var channels: [ChannelShare]
}
