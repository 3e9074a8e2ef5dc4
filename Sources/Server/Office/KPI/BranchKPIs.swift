import Foundation
import Models

/// A branch's KPIs over a period, as the JSON endpoint and the staff page show them.
struct BranchKPIs: Codable, Hashable, Sendable {
    struct CauseCount: Codable, Hashable, Sendable {
        var cause: String
        var count: Int
    }

    /// How often something happened, out of how many, and why.
    struct RateByCause: Codable, Hashable, Sendable {
        var count: Int
        var outOf: Int
        var rate: Double?
        var byCause: [CauseCount]

        init(count: Int, outOf: Int, causes: [String: Int] = [:]) {
            self.count = count
            self.outOf = outOf
            self.rate = outOf > 0 ? Double(count) / Double(outOf) : nil
            self.byCause = causes.map { CauseCount(cause: $0.key, count: $0.value) }.sorted { ($1.count, $0.cause) < ($0.count, $1.cause) }
        }
    }

    struct SLA: Codable, Hashable, Sendable {
        var limitWorkingDays: Int
        var onTime: Int
        var late: Int
        var compliance: Double?
        var medianWorkingDays: Double?
        var p90WorkingDays: Double?
    }

    struct HistogramBar: Codable, Hashable, Sendable {
        var workingDays: Int
        var count: Int
    }

    struct ChannelShare: Codable, Hashable, Sendable {
        var channel: ClaimChannel
        var count: Int
        var share: Double?
    }

    struct Survey: Codable, Hashable, Sendable {
        var responses: Int
        var offered: Int
        var responseRate: Double?
        var clarity: Double?
        var speed: Double?
        var overall: Double?
    }

    var branchId: String
    var from: LocalDate
    var to: LocalDate
    var timeZone: IndonesianTimeZone
    var submitted: Int
    var paid: Int
    var sla: SLA
    var workingDaysHistogram: [HistogramBar]
    var firstTimeRight: RateByCause
    var corrections: RateByCause
    var rejections: RateByCause
    var paymentFailures: RateByCause
    var channels: [ChannelShare]
    var biometricFallback: RateByCause
    var survey: Survey
}
