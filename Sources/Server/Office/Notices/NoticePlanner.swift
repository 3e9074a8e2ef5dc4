import Crypto
import Foundation
import Models

/// Decides, without I/O, which notice an open claim is due at an instant:
/// - when it falls at risk of missing the SLA (or misses it), once per clock, a notice with
///   the cause and a new estimated payment date;
/// - while a problem stays open (a correction or another bank account awaited, or the SLA at
///   risk or missed), an update once the last notice about the claim is `updateInterval` old.
///
/// Notice ids are derived from the claim, the kind and the occasion, so two server processes
/// (or a repeated tick) that decide the same notice write the same record once.
struct NoticePlanner: Sendable {
    var policy: SLAPolicy
    var calendar: WorkingDayCalendar
    var updateInterval: TimeInterval

    struct Due: Hashable, Sendable {
        var kind: ParticipantNotification.Kind
        var id: ParticipantNotification.ID
        var cause: String?
        var sla: OfficeSLA
    }

    func due(for office: OfficeClaim, branch: Branch, at now: Date) -> Due? {
        let claim = office.claim
        guard !claim.status.isFinal, claim.status != .draft else { return nil }
        let sla = OfficeSLA(
            claim: claim,
            statusSince: office.statusSince,
            at: now,
            policy: policy,
            zone: branch.timeZone,
            calendar: calendar
        )
        let cause = Self.cause(of: sla.status, policy: policy)
        if sla.isAtRiskOrBreached, !claim.status.waitsForParticipant, let started = sla.clock.startedAt {
            let announced = office.notices[.slaAtRisk].map { $0 >= started } ?? false
            if !announced {
                let id = Self.id(claim.id, "slaAtRisk", "\(started.timeIntervalSince1970)")
                return Due(kind: .slaAtRisk, id: id, cause: cause, sla: sla)
            }
        }
        let problemOpen = claim.status.waitsForParticipant || sla.isAtRiskOrBreached
        guard problemOpen, updateInterval > 0 else { return nil }
        if let last = office.lastNoticeAt, now.timeIntervalSince(last) < updateInterval { return nil }
        let slot = Int((now.timeIntervalSince1970 / updateInterval).rounded(.down))
        return Due(kind: .problemUpdate, id: Self.id(claim.id, "problemUpdate", "\(slot)"), cause: cause, sla: sla)
    }

    /// Why a claim is late or at risk, in plain language.
    static func cause(of status: SLAStatus, policy: SLAPolicy) -> String? {
        switch status {
        case .breached(_, let overdue):
            "It is \(overdue) working day\(overdue == 1 ? "" : "s") past the \(policy.workingDays)-working-day limit; we apologise."
        case .atRisk(_, let remaining):
            remaining <= 0
                ? "Today is the last day of the \(policy.workingDays)-working-day limit."
                : "\(remaining) working day\(remaining == 1 ? "" : "s") remain\(remaining == 1 ? "s" : "") of the \(policy.workingDays)-working-day limit."
        case .notStarted, .onTrack, .paused: nil
        }
    }

    /// A name-based id (SHA-256 of the parts, shaped as a version 5 UUID).
    static func id(_ claim: Claim.ID, _ parts: String...) -> ParticipantNotification.ID {
        let name = ([claim.rawValue.uuidString] + parts).joined(separator: "|")
        var bytes = Array(SHA256.hash(data: Data(name.utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let uuid = UUID(
            uuid: (
                bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                bytes[12], bytes[13], bytes[14], bytes[15]
            )
        )
        return ParticipantNotification.ID(uuid)
    }
}
