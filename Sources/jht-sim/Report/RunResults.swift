import Foundation

/// Everything a finished run measured: what the report prints, `report.json` keeps and the
/// plots draw. Plain values, so the report and its plots are tested without a server.
struct RunResults: Codable, Sendable {
    /// The scenario's name (`smoke`, `branch-day`, `surge`, `flaky-network`).
    var scenario: String
    var seed: UInt64
    /// The server the run drove (`self` runs show the in-process address).
    var serverURL: String
    var startedAt: Date
    /// Wall-clock seconds from the first participant to the end of the checks.
    var durationSeconds: Double

    /// Participants the scenario planned and how many finished their journey.
    var participantsPlanned: Int
    var participantsFinished: Int
    /// Participants who used a second phone.
    var secondPhones: Int

    /// Claims by their final status on the server (`paid`, `submitted`, `draft`, ...).
    var claimsByState: [String: Int]
    /// How journeys ended, in words a person reads (`paid`, `waiting for branch visit`, ...).
    var journeyOutcomes: [String: Int]

    /// Paid claims, and how many of them were paid within the service level.
    var paidClaims: Int
    var paidWithinSLA: Int
    /// Claims still open whose service-level due date has passed.
    var openPastDue: Int

    /// Milliseconds from an officer's action to the phone showing the new status.
    var statusLatenciesMillis: [Double]
    /// The baseline measured in the same run: milliseconds of one pull round trip (the HTTP
    /// request alone, without injected delay), so latency reads as a ratio to it.
    var pullRoundTripMillis: [Double] = []
    /// Bytes of sync traffic (push and pull bodies, sent plus received; documents not included), per participant.
    var syncBytesPerParticipant: [Int]

    /// Conflicts by merge policy (`lastWriterWins`, `addWinsSet`, `lockedAfterState`, `serverOwned`).
    var conflictsByPolicy: [String: Int]
    /// Refusals by code: mutations the server rejected (`claim.documentsMissing`, ...) and claims
    /// the back office rejected after a failed verification (`office: verification name`, ...).
    var rejectionsByReason: [String: Int]

    /// Claims over time: cumulative counts sampled during the run.
    var timeline: [TimelineSample]

    /// Fallback tickets: opened, booked by kind, told a day was full.
    var fallback: FallbackFigures
    /// Injected faults and what the clients did about them.
    var faults: FaultFigures
    /// HTTP requests by route family and status class, for operators (`push 2xx`, ...); 401
    /// (token expired, refreshed and sent again) apart from the other 4xx (`pull 401`).
    var requests: [String: Int]

    /// Replicas that differ from the server after the run (each one line, what differs).
    var divergences: [String]
    /// Acknowledged mutations the server does not show (each one line).
    var missingAcknowledged: [String]

    /// A branch week: the days as a branch head reads them (`branch-week` only).
    var week: WeekReport?
    /// A staffing sweep: the same week at each staffing level (`--staffing`).
    var staffing: [StaffingLevel]?

    /// True when nothing diverged, nothing acknowledged went missing and the week's checks held.
    var passed: Bool { divergences.isEmpty && missingAcknowledged.isEmpty && (week?.problems.isEmpty ?? true) }
}

/// One point of the claims-over-time plot.
struct TimelineSample: Codable, Sendable, Hashable {
    /// Seconds since the run started.
    var seconds: Double
    var submitted: Int
    var paid: Int
    /// Claims past draft and not final (in the office).
    var inOffice: Int
    var fallbackTickets: Int
}

struct FallbackFigures: Codable, Sendable, Hashable {
    var ticketsOpened = 0
    var branchVisitsBooked = 0
    var videoCallsBooked = 0
    /// Bookings answered "full" before a later day was taken.
    var dayFullAnswers = 0
    /// Branch visits by booked date (`2026-11-23`: 100).
    var branchVisitsByDate: [String: Int] = [:]
    var checkedIn = 0
    var verified = 0
    /// Tickets booked again after a missed appointment.
    var rebooked = 0
}

struct FaultFigures: Codable, Sendable, Hashable {
    var offlineSpells = 0
    var appKills = 0
    var droppedRequests = 0
    var duplicatedRequests = 0
    var uploadCuts = 0
    var uploadsResumed = 0
    var tokenRefreshes = 0
    var pushRetries = 0
}
