import Foundation
import Models
import Server
import Sync
import Synchronization

/// What the week's claims came to, read from each claimant's bucket as the server holds it
/// at the end: the SLA notices (by the day written), the appointments kept and missed, working
/// days to payment and claims past the SLA (Models' SLA clock and working-day calendar), and
/// whether each claim verified in person went on by itself.
struct WeekOutcome {
    let ledger: WeekLedger
    let calendar: WorkingDayCalendar
    /// The instant the run ended.
    let now: Date
    var workingDaysToPayment: [Int] = []
    /// Working days from receipt (the first submission) to payment: the wait the participant sees.
    var workingDaysFromReceipt: [Int] = []
    /// The in-person identity checks, by the ticket's purpose.
    var identityChecks: [String: IdentityFigures] = [:]
    var paidLate = 0
    var openPastDue = 0
    var pastSLA: Int { paidLate + openPastDue }
    var notContinued: [String] = []
    var dueDateProblems: [String] = []

    mutating func add(_ claimant: WeekClaimant, records: [RecordKey: SyncRecord]) {
        let (verified, refusal) = ledger.state.withLock { state in
            (state.fallbackVerified.contains(claimant.claimID), state.fallbackRefusals[claimant.claimID])
        }
        var notices: [LocalDate: [NoticeLine]] = [:]
        var ticket: FallbackTicket?
        var appointments: [Appointment] = []
        for record in records.values where !record.deleted {
            switch record.key.type {
            case ParticipantNotification.syncSchema.type:
                guard let notice = try? record.decode(as: ParticipantNotification.self),
                    notice.kind == .slaAtRisk || notice.kind == .problemUpdate
                else { continue }
                if let estimate = notice.estimatedPaymentDate { ledger.reported(estimate, source: "notice \(notice.id.rawValue)") }
                notices[LocalDate(notice.createdAt, in: .wib), default: []].append(
                    NoticeLine(
                        kind: notice.kind.rawValue,
                        cause: Self.cause(notice.body),
                        estimatedPaymentDate: notice.estimatedPaymentDate,
                        count: 1
                    )
                )
            case FallbackTicket.syncSchema.type:
                ticket = try? record.decode(as: FallbackTicket.self)
            case Appointment.syncSchema.type:
                guard let appointment = try? record.decode(as: Appointment.self) else { continue }
                appointments.append(appointment)
                switch appointment.status {
                case .checkedIn, .completed: ledger.day(appointment.date) { $0.appointmentsKept += 1 }
                case .noShow: ledger.day(appointment.date) { $0.appointmentsMissed += 1 }
                case .booked, .cancelled: break
                }
            default:
                continue
            }
        }
        for (day, lines) in notices {
            ledger.day(day) { figures in
                for line in lines {
                    if let index = figures.notices.firstIndex(where: {
                        $0.kind == line.kind && $0.cause == line.cause && $0.estimatedPaymentDate == line.estimatedPaymentDate
                    }) {
                        figures.notices[index].count += 1
                    } else {
                        figures.notices.append(line)
                    }
                }
            }
        }
        let claimKey = RecordKey(type: Claim.syncSchema.type, id: claimant.claimID.uuidString)
        guard let claim = records[claimKey].flatMap({ try? $0.decode(as: Claim.self) }) else { return }
        // A claim the server could not submit as it stood (it said why) waits for the participant.
        if verified, claim.status == .draft, refusal == nil {
            notContinued.append("claim \(claimant.claimID): identity verified in person but still a draft, with no reason given")
        }
        if let ticket {
            identityChecks[ticket.effectivePurpose.rawValue, default: .init()].add(
                ticket,
                appointments: appointments,
                claim: claim,
                calendar: calendar
            )
        }
        let zone = IndonesianTimeZone.wib
        if claim.status == .paid, let paidAt = ledger.state.withLock({ $0.paidAt[claimant.claimID] }) {
            let paidDay = LocalDate(paidAt, in: zone)
            workingDaysToPayment.append(claim.sla.workingDaysUsed(through: paidDay, zone: zone, calendar: calendar))
            if let received = claim.submittedAt {
                workingDaysFromReceipt.append(
                    SLAClock(startedAt: received).workingDaysUsed(through: paidDay, zone: zone, calendar: calendar)
                )
            }
            if let due = claim.sla.dueDate(zone: zone, calendar: calendar) {
                if !calendar.isWorkingDay(due) { dueDateProblems.append("claim \(claimant.claimID): due date \(due) is not a working day") }
                if paidDay > due { paidLate += 1 }
            }
        } else if !claim.status.isFinal, claim.status != .draft {
            // Waiting for the document check: counted from receipt, as the office's worklist does.
            // Documents checked but the clock not started: waiting for the participant's
            // interview or counter check, which starts it.
            var clock = claim.sla
            if clock.startedAt == nil, claim.status == .submitted, let received = claim.submittedAt { clock.start(at: received) }
            if case .breached = clock.status(at: now, zone: zone, calendar: calendar) { openPastDue += 1 }
        }
    }

    /// The sentence of a notice that gives its cause (the SLA limit and where the claim stands).
    static func cause(_ body: String) -> String {
        let sentences = body.split(separator: ".", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
        return sentences.first { $0.contains("working-day limit") || $0.contains("working days") }.map { $0 + "." }
            ?? (sentences.first.map { $0 + "." } ?? "")
    }
}
