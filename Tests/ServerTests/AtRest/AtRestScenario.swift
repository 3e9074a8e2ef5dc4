import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Server
import Sync
import Testing

extension TestClientProtocol {
    /// Every demo participant signs in, drafts a claim with their own bank account (those the
    /// rules let claim) and uploads a KTP scan over tus; Siti submits hers and the CSO marks
    /// its documents complete (an office view and an audit entry). Returns how many drafts
    /// were applied.
    func everyoneFilesAClaim(on server: OfficeTestServer) async throws -> Int {
        var applied = 0
        var sitiPhone: OfficePhone?
        for (index, person) in DemoData.people.enumerated() {
            let account = person.account
            var phone = try await phone(
                account,
                device: "at-rest-\(index)",
                inbox: server.inbox,
                clock: server.clock,
                uploads: server.store
            )
            let claimID = UUID()
            let key = Claim.key(claimID)
            phone.device.millis = max(phone.device.millis + 1, Int64(server.clock.now.timeIntervalSince1970 * 1000))
            let bank = try BankAccount(bank: .bca, number: AtRestScan.bankNumber(account), holderName: account.participant.name)
            let today = LocalDate(server.clock.now, in: .wib)
            let reason =
                ClaimRules.standard.ineligibility(
                    for: .resignation,
                    participant: account.participant,
                    membership: account.membership,
                    history: [],
                    on: today
                ).isEmpty ? ClaimReason.resignation : .partial10
            let channel =
                ClaimRules.standard.channels.channels(for: reason, balance: account.membership.balance, on: today).first ?? .branch
            let response = try await push(
                [
                    phone.device.intent(
                        .createClaimDraft,
                        ["reason": .string(reason.rawValue), "channel": .string(channel.rawValue)],
                        record: key
                    ),
                    phone.device.mutation(key, .update(fields: ["bankAccount": try JSONValue(encoding: bank)])),
                ],
                device: phone.device.id,
                token: phone.tokens.access
            )
            if response.results.allSatisfy({ $0.outcome == MutationOutcome.applied }) {
                applied += 1
            } else {
                print("at-rest scenario: \(account.participant.name)'s draft: \(response.results.map { "\($0.outcome)" })")
            }
            _ = try await uploadDocument(AtRestScan.ktpScan(of: account), kind: .idCard, claimID: claimID, token: phone.tokens.access)
            if account.participant.name == "Siti Rahayu" { sitiPhone = phone }
        }
        var siti = try #require(sitiPhone)
        let submitted = try await siti.submitClaim(
            .resignation,
            bankAccount: try BankAccount(
                bank: .bca,
                number: AtRestScan.bankNumber(siti.account),
                holderName: siti.account.participant.name
            ),
            client: self,
            clock: server.clock
        )
        let cso = try await officers(["1001"], inbox: server.inbox)["1001"]!
        #expect(try await office("documents-complete", claim: submitted, token: cso).status == .ok)
        return applied
    }
}
