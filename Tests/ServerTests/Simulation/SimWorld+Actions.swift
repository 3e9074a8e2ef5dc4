import Foundation
import Models
import PhoneSync
import Sync

@testable import Server

extension SimWorld {
    /// A participant does something on one phone, online or not.
    func participantAction(_ index: Int) async throws {
        let phone = phones[index]
        let claims = ((try? phone.client.store.localRecords(type: "claim")) ?? []).compactMap { try? $0.decode(as: Claim.self) }
        let profile = RecordKey(type: "profile", id: phone.account.participant.id.rawValue.uuidString)
        // People work on their oldest open claim first.
        func claim(in statuses: Set<ClaimStatus>) -> Claim? {
            claims.filter { statuses.contains($0.status) }.min { ($0.createdAt, $0.recordID) < ($1.createdAt, $1.recordID) }
        }
        func intent(_ name: Intent.Name, on claim: Claim, _ arguments: [String: JSONValue] = [:]) {
            phone.mutate(RecordKey(type: "claim", id: claim.recordID), .intent(Intent(name: name, arguments: arguments)), id: random.uuid())
        }
        let membership = phone.account.membership
        let draft = claim(in: [.draft, .correctionRequested])
        let missing = draft.map { ClaimRules.standard.missingDocuments(for: $0, membership: membership) } ?? []
        switch random.int(0..<100) {
        case 0..<15:
            let field = random.chance(0.5) ? "email" : "language"
            let value: JSONValue =
                field == "email" ? .string("p\(random.int(0..<1000))@example.co.id") : .string(random.pick(["id", "su", "en"])!)
            phone.mutate(profile, .update(fields: [field: value]), id: random.uuid())
        case 15..<25:
            guard claims.filter({ !$0.status.isFinal }).isEmpty || random.chance(0.05) else { return }
            let reason = phone.account.participant.name.hasPrefix("Maria") ? "leavingIndonesia" : "resignation"
            phone.mutate(
                RecordKey(type: "claim", id: random.uuid().uuidString),
                .intent(
                    Intent(
                        name: .createClaimDraft,
                        arguments: [
                            "reason": .string(reason), "channel": "app",
                            "participantID": .string(phone.account.participant.id.rawValue.uuidString),
                            "branchID": .string(phone.account.participant.branchID.rawValue),
                        ]
                    )
                ),
                id: random.uuid()
            )
        case 25..<37:
            guard let draft else { return }
            let holder = random.chance(0.97) ? phone.account.participant.name : "Someone Else"
            let account = try! BankAccount(bank: .bca, number: String(1_000_000_000 + random.int(0..<999_999)), holderName: holder)
            phone.mutate(
                RecordKey(type: "claim", id: draft.recordID),
                .update(fields: ["bankAccount": try! JSONValue(encoding: account)]),
                id: random.uuid()
            )
        case 37..<62:
            guard let draft else { return }
            let kind = random.pick(Array(missing).sorted { $0.rawValue < $1.rawValue }) ?? random.pick([DocumentKind.idCard, .selfie])!
            // The file went up over tus; the attach names the finished upload.
            let upload = try await storedUploads(
                [kind],
                owner: phone.account.participant.id,
                claimID: draft.id.rawValue,
                store: store,
                at: clock.date,
                makeID: { self.random.uuid() }
            )
            intent(.attachDocument, on: draft, attachArguments(upload[kind], claimID: draft.id.rawValue))
        case 62..<66:
            guard let draft = claim(in: [.draft]), let document = random.pick(draft.documents) else { return }
            phone.mutate(
                RecordKey(type: "claim", id: draft.recordID),
                .removeElement(field: "documents", elementID: document.id.rawValue.uuidString),
                id: random.uuid()
            )
        case 66..<84:
            guard let draft = claim(in: [.draft]), missing.isEmpty || random.chance(0.15) else { return }
            intent(.submitClaim, on: draft)
            // The participant taps submit on their other phone too, each phone its own mutation.
            if random.chance(0.3), let other = phones.first(where: { $0.bucket == phone.bucket && $0 !== phone }) {
                other.mutate(RecordKey(type: "claim", id: draft.recordID), .intent(Intent(name: .submitClaim)), id: random.uuid())
                duplicateSubmits += 1
            }
        case 84..<90:
            guard let returned = claim(in: [.correctionRequested]) else { return }
            intent(.resubmitClaim, on: returned)
        case 90..<91:
            guard let open = claim(in: [.draft, .submitted, .correctionRequested]) else { return }
            intent(.cancelClaim, on: open)
        case 91..<96:
            // A stale screen: the phone edits a claim the office may already hold.
            guard let any = random.pick(claims) else { return }
            phone.mutate(
                RecordKey(type: "claim", id: any.recordID),
                .update(fields: ["taxNumber": "01.234.567.8-901.000"]),
                id: random.uuid()
            )
        default:
            guard let failed = claim(in: [.paymentFailed]) else { return }
            let account = try! BankAccount(
                bank: .bni,
                number: String(2_000_000_000 + random.int(0..<999_999)),
                holderName: phone.account.participant.name
            )
            intent(.provideNewBankAccount, on: failed, ["bankAccount": try! JSONValue(encoding: account)])
        }
    }

    /// An officer of the Bandung branch works one claim a step further.
    func officerAction() async throws {
        var claims: [(Claim, BucketID)] = []
        for bucket in Set(phones.map(\.bucket)).sorted(by: { $0.rawValue < $1.rawValue }) {
            let snapshot = try await store.snapshot(of: bucket)
            for key in snapshot.records.keys.sorted() where key.type == "claim" {
                if let claim = try? snapshot.records[key]!.decode(as: Claim.self) { claims.append((claim, bucket)) }
            }
        }
        guard
            let (claim, bucket) = random.pick(
                claims.filter { [.submitted, .documentsChecked, .verified, .approved].contains($0.0.status) }
            )
        else { return }
        let officer = { (number: String) in DemoData.officers.first { $0.employeeNumber == number }! }
        let event: ClaimEvent
        let by: Officer
        switch claim.status {
        case .submitted:
            if random.chance(0.7) {
                (event, by) = (.confirmDocumentsComplete, officer("1001"))
            } else {
                let request = CorrectionRequest(
                    items: [.init(document: .idCard, reason: "The photo is blurred")],
                    requestedAt: clock.date,
                    requestedBy: officer("1001").id
                )
                (event, by) = (.requestCorrection(request), officer("1001"))
            }
        case .documentsChecked: (event, by) = (.verify, officer("1002"))
        case .verified:
            (event, by) = random.chance(0.85) ? (.approve, officer("1003")) : (.returnForReview(reason: "Balance differs"), officer("1003"))
        case .approved:
            (event, by) =
                random.chance(0.75)
                ? (.recordPayment, officer("1004")) : (.recordPaymentFailure(reason: "Inactive account"), officer("1004"))
        default: return
        }
        if case .recordPayment = event, random.chance(0.4) {
            try await payTwiceAtOnce(claim.id, bucket: bucket)
            return
        }
        guard (try? await office.apply(event, to: claim.id, by: by)) != nil else { return }
        officerSteps += 1
        try await poke(bucket)
    }

    /// Both finance officers record the payment of `claim` at the same instant: the office
    /// takes one of them (the ledger debits the claim once) and refuses the other.
    func payTwiceAtOnce(_ claim: Claim.ID, bucket: BucketID) async throws {
        let office = office
        let finance = ["1004", "1006"].map { number in DemoData.officers.first { $0.employeeNumber == number }! }
        async let first = try? office.apply(.recordPayment, to: claim, by: finance[0])
        async let second = try? office.apply(.recordPayment, to: claim, by: finance[1])
        let accepted = [await first, await second].compactMap { $0 }.count
        concurrentPayments += 1
        concurrentPaymentsAccepted += accepted
        officerSteps += accepted
        if accepted > 0 { try await poke(bucket) }
    }
}
