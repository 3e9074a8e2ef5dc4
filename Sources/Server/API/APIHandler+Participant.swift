import APITypes
import Foundation
import HTTPTypes
import Models
import Sync

extension APIHandler {
    func getMe(_ input: Operations.GetMe.Input) async throws -> Operations.GetMe.Output {
        let account = try await signedInAccount()
        let participantID = account.participant.id
        guard let branch = try await store.branch(id: account.participant.branchID) else { throw ProblemMiddlewareInternal.missingBranch }
        let today = today(in: branch.timeZone)
        let rules = configuration.rules
        let records = try await store.snapshot(of: .participant(participantID.rawValue.uuidString)).records
        let history = IntentHandler.claims(in: records)
        // Contact details are the synced profile's: the phone and /v1/me show one record.
        let profileKey = RecordKey(type: ParticipantProfile.syncSchema.type, id: participantID.rawValue.uuidString)
        let profile =
            try records[profileKey].map { try $0.decode(as: ParticipantProfile.self) }
            ?? ParticipantProfile(participantID: participantID, phone: account.participant.phone, email: account.participant.email)
        var participant = account.participant
        participant.phone = profile.phone
        participant.email = profile.email
        let reasons: [Components.Schemas.ReasonOption] = try ClaimReason.allCases.map { reason in
            let problems = rules.ineligibility(
                for: reason,
                participant: account.participant,
                membership: account.membership,
                history: history,
                on: today
            )
            let channels = rules.channels.channels(for: reason, balance: account.membership.balance, on: today)
            let documents =
                channels.first.map {
                    rules.requiredDocuments(for: reason, channel: $0, membership: account.membership).map(\.rawValue).sorted()
                } ?? []
            return try WireBridge.convert(
                ReasonOptionDocument(
                    reason: reason,
                    eligible: problems.isEmpty,
                    channels: channels,
                    requiredDocuments: documents,
                    problems: problems.map { ["field": "reason", "code": $0.code, "message": $0.message] }
                )
            )
        }
        let me = MeDocument(
            participant: participant,
            profile: profile,
            membership: account.membership,
            ledger: Array(try await store.ledger(of: participantID).entries.reversed().prefix(50)),
            yearsOfMembership: account.membership.yearsOfMembership(on: today),
            preconditions: rules.appClaimPreconditions(participant: account.participant, membership: account.membership, on: today),
            reasons: reasons,
            branch: branch
        )
        return .ok(.init(body: .json(try WireBridge.convert(me))))
    }
}

/// The `MeResponse` document, built from domain values.
struct MeDocument: Encodable {
    var participant: Participant
    var profile: ParticipantProfile
    var membership: Membership
    var ledger: [LedgerEntry]
    var yearsOfMembership: Int
    var preconditions: AppClaimPreconditions
    var reasons: [Components.Schemas.ReasonOption]
    var branch: Branch
}

struct ReasonOptionDocument: Encodable {
    var reason: ClaimReason
    var eligible: Bool
    var channels: [ClaimChannel]
    var requiredDocuments: [String]
    var problems: [[String: String]]
}

/// Failures that mean the store is inconsistent, not that the caller did anything wrong.
enum ProblemMiddlewareInternal: Error {
    case missingBranch
}

extension APIHandler {
    /// The signed-in participant's account (the token says who; the request never does).
    func signedInAccount() async throws -> ParticipantAccount {
        guard let account = try await store.account(id: try Principal.requireParticipant()) else {
            throw Problem(
                status: .unauthorized,
                code: "auth.participantNotFound",
                title: "Sign in again",
                detail: "This participant is no longer registered."
            )
        }
        return account
    }
}
