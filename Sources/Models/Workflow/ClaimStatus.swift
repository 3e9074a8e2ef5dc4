/// Where a claim is in the office workflow (DESIGN.md, "Office side").
public enum ClaimStatus: String, Codable, Hashable, Sendable, CaseIterable {
    /// Being filled in, possibly offline; only the participant sees it.
    case draft
    /// Received; waiting for the customer service officer.
    case submitted
    /// The CSO found the documents complete; with the back office.
    case documentsChecked
    /// The back office verified balance and data; with the head of service.
    case verified
    /// Approved by the head of service; with finance.
    case approved
    /// Paid into the participant's account.
    case paid
    /// The participant must fix something; the SLA clock is paused.
    case correctionRequested
    case rejected
    /// The bank refused the transfer (inactive account, holder-name mismatch).
    case paymentFailed
    /// Withdrawn by the participant.
    case cancelled

    /// No further transition is possible.
    public var isFinal: Bool { self == .paid || self == .rejected || self == .cancelled }

    /// The tracking stage the app shows; `nil` for drafts and withdrawn claims.
    public var stage: ParticipantStage? {
        switch self {
        case .draft, .cancelled: nil
        case .submitted, .correctionRequested: .agendaKlaim
        case .documentsChecked: .penetapanKlaim
        case .verified: .persetujuanKlaim
        case .approved, .paymentFailed: .pembayaranKlaim
        case .paid, .rejected: .selesai
        }
    }
}

/// The tracking stages shown to participants, in order (DOMAIN.md, "What the real app does").
public enum ParticipantStage: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    /// Registered.
    case agendaKlaim
    /// Determined.
    case penetapanKlaim
    /// Approved.
    case persetujuanKlaim
    /// Payment.
    case pembayaranKlaim
    /// Done.
    case selesai

    /// The label the app shows.
    public var title: String {
        switch self {
        case .agendaKlaim: "Agenda Klaim"
        case .penetapanKlaim: "Penetapan Klaim"
        case .persetujuanKlaim: "Persetujuan Klaim"
        case .pembayaranKlaim: "Pembayaran Klaim"
        case .selesai: "Selesai"
        }
    }

    /// Whether `lhs` comes earlier in the claim's life than `rhs`.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
