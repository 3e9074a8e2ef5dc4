import Foundation

/// One staffing level of a sweep: the same week (same seed, same arrivals) with this many
/// officers per role, and how the branch kept its promise.
struct StaffingLevel: Codable, Sendable, Hashable {
    var officersPerRole: Int
    var claimsReceived: Int
    var paid: Int
    /// Paid after the due date, or still open past it at the end.
    var claimsPastSLA: Int
    var medianWorkingDaysToPayment: Double?
    /// From receipt (the first submission) to payment: the wait, including the queue for the CSO.
    var medianWorkingDaysFromReceipt: Double?
    /// SLA notices sent (at risk, and updates while late).
    var notices: Int
    var passed: Bool
    var wallSeconds: Double

    init(officersPerRole: Int, results: RunResults) {
        self.officersPerRole = officersPerRole
        let week = results.week
        claimsReceived = week?.days.reduce(0) { $0 + $1.receivedTotal } ?? 0
        paid = week?.paidClaims ?? 0
        claimsPastSLA = week?.claimsPastSLA ?? 0
        medianWorkingDaysToPayment = week?.medianWorkingDaysToPayment
        medianWorkingDaysFromReceipt = week?.medianWorkingDaysFromReceipt
        notices = week?.days.reduce(0) { total, day in total + day.notices.reduce(0) { $0 + $1.count } } ?? 0
        passed = results.passed
        wallSeconds = results.durationSeconds
    }
}

/// `--staffing LOW-HIGH`: the branch week once per staffing level, each on a fresh in-process
/// server, so every level sees the same people arrive; the answer is a table of claims past the
/// SLA and median working days to payment per level.
enum StaffingSweep {
    /// Parses `3-8` (or a single `5`) into a range of officers per role.
    static func levels(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        switch parts.count {
        case 1: return parts[0]...parts[0]
        case 2 where parts[0] <= parts[1]: return parts[0]...parts[1]
        default: return nil
        }
    }

    /// The smallest level with no claim past the SLA, if any.
    static func enough(_ levels: [StaffingLevel]) -> StaffingLevel? {
        levels.sorted { $0.officersPerRole < $1.officersPerRole }.first { $0.claimsPastSLA == 0 }
    }
}
