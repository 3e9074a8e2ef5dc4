import Foundation
import Models

/// Computes a branch's KPIs from the audit log, the office view of claims, surveys and
/// face-verification attempts. Pure: the caller loads the inputs for the period.
///
/// Definitions (each event counts in the period it happened in, in the branch's time zone):
/// - SLA compliance: claims paid in the period within the SLA's working days of complete
///   documents (pauses for corrections excluded), out of claims paid; median and p90 of the
///   same working days.
/// - First-time right: claims paid with no correction ever requested, out of claims paid.
/// - Corrections: claims sent back for correction, out of claims the CSO decided on
///   (complete, correction, or rejection at the check); causes by document or field.
/// - Rejections: claims rejected, out of claims closed (paid or rejected); causes as the
///   officer classified them.
/// - Payment failures: bank refusals, out of payment attempts; causes as the bank gave them.
/// - Channel mix: claims submitted, by channel.
/// - Biometric fallback: participants whose failed face checks reached the fallback threshold
///   within its window, out of participants who tried; causes are the failure reasons.
/// - Survey: responses, out of claims paid (each is offered the survey); mean scores.
struct KPICalculator: Sendable {
    var branch: Branch
    var from: LocalDate
    var to: LocalDate
    var policy: SLAPolicy
    var calendar: WorkingDayCalendar
    var biometric: BiometricPolicy

    /// The instants the period covers: `[from 00:00, the day after to 00:00)` local time.
    var interval: (from: Date, until: Date) {
        (from.start(in: branch.timeZone), to.adding(days: 1).start(in: branch.timeZone))
    }

    struct Inputs: Sendable {
        /// Audit entries of the branch in the period.
        var entries: [AuditEntry]
        /// The full audit trails of the claims paid in the period (for first-time right).
        var trailsOfPaid: [Claim.ID: [AuditEntry]]
        /// The claims the entries name.
        var claims: [Claim.ID: Claim]
        var surveys: [SurveyResponse]
        var attempts: [BiometricAttempt]
    }

    func compute(_ inputs: Inputs) -> BranchKPIs {
        let zone = branch.timeZone
        let entries = inputs.entries.filter { $0.branchID == branch.id }
        func claims(_ event: String) -> [AuditEntry] { entries.filter { $0.event == event } }

        // Submissions and channels.
        let submittedIDs = Set(claims("submit").map(\.claimID))
        var byChannel: [ClaimChannel: Int] = [:]
        for id in submittedIDs { if let claim = inputs.claims[id] { byChannel[claim.channel, default: 0] += 1 } }
        let channels = ClaimChannel.allCases.map { channel in
            BranchKPIs.ChannelShare(
                channel: channel,
                count: byChannel[channel] ?? 0,
                share: submittedIDs.isEmpty ? nil : Double(byChannel[channel] ?? 0) / Double(submittedIDs.count)
            )
        }

        // Payments and the SLA.
        let payments = claims("recordPayment").filter { $0.to == .paid }
        var days: [Int] = []
        for payment in payments {
            guard let claim = inputs.claims[payment.claimID], claim.sla.startedAt != nil else { continue }
            days.append(claim.sla.workingDaysUsed(through: LocalDate(payment.at, in: zone), zone: zone, calendar: calendar))
        }
        days.sort()
        let onTime = days.filter { $0 <= policy.workingDays }.count
        let sla = BranchKPIs.SLA(
            limitWorkingDays: policy.workingDays,
            onTime: onTime,
            late: days.count - onTime,
            compliance: days.isEmpty ? nil : Double(onTime) / Double(days.count),
            medianWorkingDays: Self.median(days),
            p90WorkingDays: Self.percentile(90, of: days)
        )
        let histogram = Dictionary(grouping: days, by: { $0 }).map { BranchKPIs.HistogramBar(workingDays: $0.key, count: $0.value.count) }
            .sorted { $0.workingDays < $1.workingDays }

        // First-time right.
        let paidIDs = Set(payments.map(\.claimID))
        var reworkCauses: [String: Int] = [:]
        var firstTime = 0
        for id in paidIDs {
            let corrections = (inputs.trailsOfPaid[id] ?? []).filter { $0.event == "requestCorrection" }
            if corrections.isEmpty {
                firstTime += 1
            } else {
                for cause in Set(corrections.flatMap(\.causes)) { reworkCauses[AuditCause.detail(of: cause), default: 0] += 1 }
            }
        }

        // Corrections, rejections, payment failures.
        let corrections = claims("requestCorrection")
        let checked = Set(
            entries.filter { entry in
                entry.event == "confirmDocumentsComplete" || entry.event == "requestCorrection"
                    || (entry.event == "reject" && entry.from == .submitted)
            }.map(\.claimID)
        )
        let rejections = claims("reject").filter { $0.to == .rejected }
        let failures = claims("recordPaymentFailure").filter { $0.to == .paymentFailed }

        // Biometric fallback.
        let byParticipant = Dictionary(grouping: inputs.attempts, by: \.participantID)
        let fellBack = byParticipant.values.filter { reachesFallback($0) }.count
        var failureReasons: [String: Int] = [:]
        for attempt in inputs.attempts where attempt.result == .failed {
            failureReasons[attempt.failureReason?.rawValue ?? "unknown", default: 0] += 1
        }

        // Survey.
        let surveys = inputs.surveys
        func mean(_ score: (SurveyResponse) -> Int) -> Double? {
            surveys.isEmpty ? nil : Double(surveys.map(score).reduce(0, +)) / Double(surveys.count)
        }

        return BranchKPIs(
            branchId: branch.id.rawValue,
            from: from,
            to: to,
            timeZone: zone,
            submitted: submittedIDs.count,
            paid: paidIDs.count,
            sla: sla,
            workingDaysHistogram: histogram,
            firstTimeRight: .init(count: firstTime, outOf: paidIDs.count, causes: reworkCauses),
            corrections: .init(count: Set(corrections.map(\.claimID)).count, outOf: checked.count, causes: Self.count(corrections)),
            rejections: .init(
                count: Set(rejections.map(\.claimID)).count,
                outOf: paidIDs.union(rejections.map(\.claimID)).count,
                causes: Self.count(rejections)
            ),
            paymentFailures: .init(count: failures.count, outOf: failures.count + payments.count, causes: Self.count(failures)),
            channels: channels,
            biometricFallback: .init(count: fellBack, outOf: byParticipant.count, causes: failureReasons),
            survey: .init(
                responses: surveys.count,
                offered: paidIDs.count,
                responseRate: paidIDs.isEmpty ? nil : Double(surveys.count) / Double(paidIDs.count),
                clarity: mean(\.clarity),
                speed: mean(\.speed),
                overall: mean(\.overall)
            )
        )
    }

    /// Whether a participant's attempts hold `failuresBeforeFallback` failures within the
    /// policy's window (the point where the app offers a branch or video appointment).
    func reachesFallback(_ attempts: [BiometricAttempt]) -> Bool {
        let failures = attempts.filter { $0.result == .failed }.map(\.attemptedAt).sorted()
        let needed = max(biometric.failuresBeforeFallback, 1)
        guard failures.count >= needed else { return false }
        for end in (needed - 1)..<failures.count
        where failures[end].timeIntervalSince(failures[end - needed + 1]) <= TimeInterval(biometric.windowSeconds) {
            return true
        }
        return false
    }

    /// Cause codes of entries, by their detail, each claim's causes counted once per entry.
    static func count(_ entries: [AuditEntry]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for entry in entries {
            let causes = entry.causes.isEmpty ? ["unclassified"] : Array(Set(entry.causes.map(AuditCause.detail(of:))))
            for cause in causes { counts[cause, default: 0] += 1 }
        }
        return counts
    }

    static func median(_ sorted: [Int]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }

    /// The nearest-rank percentile.
    static func percentile(_ p: Int, of sorted: [Int]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((Double(p) / 100 * Double(sorted.count)).rounded(.up))
        return Double(sorted[max(rank, 1) - 1])
    }
}
