import Foundation
import Models

/// Writes what participants are told, in plain language: every message says what happened,
/// why, what (if anything) the participant should do, and when payment can be expected.
/// Pure: the caller supplies the claim, the time and the estimate.
struct NoticeComposer: Sendable {
    /// What a notice is about.
    struct Context: Sendable {
        var claim: Claim
        var branch: Branch
        var sla: OfficeSLA
        /// Why a delay happened, when the notice announces one.
        var cause: String?
    }

    func notice(
        _ kind: ParticipantNotification.Kind,
        _ context: Context,
        id: ParticipantNotification.ID,
        at now: Date
    )
        -> ParticipantNotification
    {
        let claim = context.claim
        let estimate = context.sla.estimatedPaymentDate
        let by = estimate.map { " We expect to pay by \(Self.format($0))." } ?? ""
        let (title, body): (String, String) =
            switch kind {
            case .statusChanged: statusChanged(claim, by: by)
            case .correctionRequested:
                (
                    "Please correct your claim",
                    "An officer needs you to fix: \(Self.items(claim.correction)). Send the correction in the app; the 5-working-day clock is paused until you do."
                        + (estimate.map { " If you send it today, we expect to pay by \(Self.format($0))." } ?? "")
                )
            case .paymentFailed:
                (
                    "Payment failed: give another account",
                    "We could not pay into \(claim.bankAccount?.description ?? "your account"): \(context.cause ?? claim.problem ?? "the bank refused the transfer"). Give another active account in your own name in the app."
                        + (estimate.map { " Once you do, we expect to pay by \(Self.format($0))." } ?? "")
                )
            case .slaAtRisk:
                (
                    "Your claim may take longer",
                    "Your claim is waiting for \(Self.waitingFor(claim.status)). \(context.cause.map { "\($0) " } ?? "")We are giving it priority."
                        + by
                )
            case .problemUpdate: problemUpdate(context, by: by, estimate: estimate)
            case .surveyInvitation:
                (
                    "How did we do?",
                    "Your claim is paid. Tell us how clear our information was, how fast we were and how it went overall; it takes a minute."
                )
            case .appointmentBooked:
                ("Appointment booked", "Your appointment is booked.")
            }
        return ParticipantNotification(
            id: id,
            participantID: claim.participantID,
            claimID: claim.id,
            kind: kind,
            title: title,
            body: body,
            estimatedPaymentDate: kind == .surveyInvitation ? nil : estimate,
            createdAt: now
        )
    }

    func statusChanged(_ claim: Claim, by: String) -> (String, String) {
        switch claim.status {
        case .documentsChecked:
            ("Documents complete", "Your documents are complete; your claim is at Penetapan Klaim (determination).\(by)")
        case .verified:
            ("Claim verified", "Your balance and identity are verified; your claim is at Persetujuan Klaim (approval).\(by)")
        case .approved:
            ("Claim approved", "Your claim is approved and with finance: Pembayaran Klaim (payment).\(by)")
        case .paid:
            (
                "Claim paid",
                "\(claim.netAmount) was paid into \(claim.bankAccount?.description ?? "your account"). Your claim is Selesai (done)."
            )
        case .rejected:
            (
                "Claim not accepted",
                "Your claim was not accepted: \(claim.problem ?? "see your branch"). Contact your branch or Lapak Asik if you have questions."
            )
        case .draft, .submitted, .correctionRequested, .paymentFailed, .cancelled:
            ("Claim update", "Your claim is now at \(claim.stage?.title ?? "your branch").\(by)")
        }
    }

    func problemUpdate(_ context: NoticeComposer.Context, by: String, estimate: LocalDate?) -> (String, String) {
        let claim = context.claim
        switch claim.status {
        case .correctionRequested:
            return (
                "Reminder: your claim needs a correction",
                "We are still waiting for: \(Self.items(claim.correction)). The clock stays paused until you send it."
                    + (estimate.map { " If you send it today, we expect to pay by \(Self.format($0))." } ?? "")
            )
        case .paymentFailed:
            return (
                "Reminder: give another bank account",
                "We still cannot pay your claim: \(claim.problem ?? "the bank refused the transfer"). Give another active account in your own name in the app."
                    + (estimate.map { " Once you do, we expect to pay by \(Self.format($0))." } ?? "")
            )
        default:
            return (
                "Update on your claim",
                "Your claim is late and waiting for \(Self.waitingFor(claim.status)). \(context.cause.map { "\($0) " } ?? "")We are working on it.\(by)"
            )
        }
    }

    static func waitingFor(_ status: ClaimStatus) -> String {
        switch status.actingRole {
        case .cso: "the document check"
        case .backOffice: "verification of your balance and identity"
        case .headOfService: "approval by the head of service"
        case .finance: "payment by finance"
        case nil: "the next step"
        }
    }

    static func items(_ correction: CorrectionRequest?) -> String {
        guard let correction, !correction.items.isEmpty else { return "see the claim in the app" }
        return correction.items.map { item in
            let subject = item.document.map { DocumentNames.name(of: $0) } ?? item.field ?? "claim"
            return "\(subject) (\(item.reason))"
        }.joined(separator: "; ")
    }

    /// A date as people read it: `Friday 6 March 2026`.
    static func format(_ date: LocalDate) -> String {
        let months = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        ]
        let days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
        return "\(days[date.weekday.rawValue - 1]) \(date.day) \(months[date.month - 1]) \(date.year)"
    }
}

/// Document kinds as people name them.
enum DocumentNames {
    static func name(of kind: DocumentKind) -> String {
        switch kind {
        case .idCard: "ID card (KTP)"
        case .participantCard: "participant card"
        case .referenceLetter: "reference letter"
        case .terminationLetter: "termination letter"
        case .bankBook: "bank book"
        case .passport: "passport"
        case .stayPermit: "stay permit"
        case .doctorCertificate: "doctor's certificate"
        case .deathCertificate: "death certificate"
        case .heirCertificate: "heir certificate"
        case .heirIDCard: "heir's ID card"
        case .familyCard: "family card"
        case .taxNumberCard: "tax number (NPWP) card"
        case .selfie: "selfie"
        }
    }
}
