import Foundation
import Models
import Sync

extension IntentHandler {
    func createClaimDraft(
        _ arguments: CreateClaimDraft,
        mutation: Mutation,
        records: [RecordKey: SyncRecord]
    ) throws(Rejection) -> [RecordEffect] {
        let key = try claimKey(arguments.claimID, mutation: mutation, intent: .createClaimDraft)
        if records[key] != nil { throw Rejection(code: "record.exists", message: "This claim already exists.") }
        let reason = arguments.reason
        if let named = arguments.participantID, named != participantID {
            throw Rejection(code: "claim.otherParticipant", message: "A claim is drafted for yourself only.")
        }
        let allowed = rules.channels.channels(for: reason, balance: account.membership.balance, on: today)
        let channel = arguments.channel ?? allowed[0]
        guard allowed.contains(channel) else {
            throw Rejection(
                code: "claim.channelNotAllowed",
                message: "A \(reason.rawValue) claim with this balance goes through: \(allowed.map(\.rawValue).joined(separator: ", ")).",
                fields: ["channel"]
            )
        }
        let open = records.values.filter { $0.key.type == Claim.syncSchema.type && !$0.deleted }.compactMap {
            try? $0.decode(as: Claim.self)
        }
        .filter { !$0.status.isFinal }
        guard open.count < 3 else {
            throw Rejection(code: "claim.tooManyOpen", message: "Finish or cancel one of your open claims first.")
        }
        let claim = Claim(
            id: Claim.ID(UUID(uuidString: key.id)!),
            participantID: participantID,
            branchID: account.participant.branchID,
            reason: reason,
            channel: channel,
            createdAt: now
        )
        do {
            guard case .object(let fields) = try JSONValue(encoding: claim) else { return [] }
            return [RecordEffect(key: key, operation: .create(fields: fields))]
        } catch {
            throw Rejection(code: "claim.unreadable", message: "The claim could not be created.")
        }
    }

    func submitClaim(_ arguments: ClaimStep, mutation: Mutation, records: [RecordKey: SyncRecord]) throws(Rejection) -> [RecordEffect] {
        let key = try claimKey(arguments.claimID, mutation: mutation, intent: .submitClaim)
        let (claim, signatures) = try loadClaim(key, records: records)
        guard claim.status == .draft else {
            throw Rejection(
                code: "workflow.invalidTransition",
                message: "This claim was already submitted (it is \(claim.status.rawValue))."
            )
        }
        try requireFaceCheckCleared(claim, records: records)
        var problems: [Rejection] = rules.ineligibility(
            for: claim.reason,
            participant: account.participant,
            membership: account.membership,
            history: Self.claims(in: records),
            excluding: claim.id,
            on: today
        ).map { Rejection(code: $0.code, message: $0.message, fields: ["reason"]) }
        let allowed = rules.channels.channels(for: claim.reason, balance: account.membership.balance, on: today)
        if !allowed.contains(claim.channel) {
            problems.append(
                Rejection(
                    code: "claim.channelNotAllowed",
                    message:
                        "This claim must go through \(allowed.map(\.rawValue).joined(separator: " or ")), not \(claim.channel.rawValue).",
                    fields: ["channel"]
                )
            )
        }
        if claim.channel == .app {
            let ticks = rules.appClaimPreconditions(participant: account.participant, membership: account.membership, on: today)
            // A passed face check completes the data update; it may be in this very push.
            if !ticks.dataUpdateDone && !Self.attempts(in: records).contains(where: { $0.result == .passed }) {
                problems.append(
                    Rejection(
                        code: "claim.dataUpdateRequired",
                        message: "Complete the data update (pengkinian data) with a selfie first."
                    )
                )
            }
        }
        let missing = rules.missingDocuments(for: claim, membership: account.membership)
        if !missing.isEmpty {
            problems.append(
                Rejection(
                    code: "claim.documentsMissing",
                    message: "Attach these documents: \(missing.map(\.rawValue).sorted().joined(separator: ", ")).",
                    fields: ["documents"]
                )
            )
        }
        if let account = claim.bankAccount {
            if !Self.sameName(account.holderName, self.account.participant.name) {
                problems.append(
                    Rejection(
                        code: "claim.bankAccountHolderMismatch",
                        message: "The bank account must be in your own name (\(self.account.participant.name)).",
                        fields: ["bankAccount"]
                    )
                )
            }
        } else {
            problems.append(
                Rejection(
                    code: "claim.bankAccountMissing",
                    message: "Give an active bank account in your own name.",
                    fields: ["bankAccount"]
                )
            )
        }
        if rules.requiresTaxNumber(membership: account.membership), claim.taxNumber?.isEmpty ?? true, !account.membership.hasTaxNumber {
            problems.append(
                Rejection(
                    code: "claim.taxNumberRequired",
                    message: "A tax number (NPWP) is required for this balance or after a partial claim.",
                    fields: ["taxNumber"]
                )
            )
        }
        if !problems.isEmpty {
            throw problems.count == 1
                ? problems[0]
                : Rejection(
                    code: "claim.notReady",
                    message: problems.map(\.message).joined(separator: " "),
                    fields: Array(Set(problems.flatMap { $0.fields ?? [] })).sorted()
                )
        }
        var updated = claim
        var newSignatures = signatures
        let payout = rules.payout(for: claim.reason, membership: account.membership)
        updated.grossAmount = payout.gross
        updated.tax = payout.tax
        updated.netAmount = payout.net
        updated.endOfWork = ClaimEpisode.endOfWork(for: claim.reason, membership: account.membership)
        do {
            _ = try ClaimWorkflow.apply(.submit, to: &updated, signatures: &newSignatures, by: .participant(participantID), at: now)
        } catch {
            throw workflowRejection(error)
        }
        var effects = try update(key, from: claim, to: updated, signatures: (signatures, newSignatures))
        // Right person: a Lapak Asik claim waits for its video interview, a branch claim for the
        // counter's check; the claim's one ticket is opened for it unless it has one already.
        if let purpose = IdentityCheck.inPerson(for: updated.channel), try Self.fallbackTicket(for: claim.id, in: records) == nil {
            let ticket = FallbackTicket(
                id: FallbackTicket.id(forClaim: claim.id),
                participantID: participantID,
                claimID: claim.id,
                status: .open,
                openedAt: now,
                purpose: purpose
            )
            effects.append(
                RecordEffect(
                    key: RecordKey(type: FallbackTicket.syncSchema.type, id: ticket.recordID),
                    operation: .create(fields: try Self.fields(of: ticket)),
                    derived: true
                )
            )
        }
        return effects
    }

    func provideNewBankAccount(
        _ arguments: ProvideNewBankAccount,
        mutation: Mutation,
        records: [RecordKey: SyncRecord]
    ) throws(Rejection) -> [RecordEffect] {
        let bankAccount = arguments.bankAccount
        guard Self.sameName(bankAccount.holderName, account.participant.name) else {
            throw Rejection(
                code: "claim.bankAccountHolderMismatch",
                message: "The bank account must be in your own name (\(account.participant.name)).",
                fields: ["bankAccount"]
            )
        }
        return try workflow(.provideNewBankAccount(bankAccount), arguments.claimID, mutation: mutation, records: records)
    }

    /// Every claim of the bucket that reads (claim history is an input of eligibility).
    static func claims(in records: [RecordKey: SyncRecord]) -> [Claim] {
        records.values.filter { $0.key.type == Claim.syncSchema.type && !$0.deleted }.compactMap { try? $0.decode(as: Claim.self) }
    }

    /// Names compared as a bank would: case, spaces and punctuation ignored.
    static func sameName(_ a: String, _ b: String) -> Bool {
        func normal(_ text: String) -> String { text.uppercased().filter { $0.isLetter } }
        return normal(a) == normal(b)
    }
}
