import Foundation
import Models
import Server
import Testing

/// The synthetic Bandung Suci population the simulator signs in: unique, valid, stable, and the
/// mix the field studies describe.
@Suite("Demo population")
struct DemoPopulationTests {
    @Test func fortyThousandMembersAreUniqueAndStable() {
        let members = (0..<40_000).map(DemoPopulation.member)
        #expect(Set(members.map(\.account.participant.nik)).count == 40_000)
        #expect(Set(members.map(\.account.participant.kpj)).count == 40_000)
        #expect(Set(members.map(\.account.participant.id)).count == 40_000)
        let named = Set(DemoData.people.map(\.account.participant.nik))
        #expect(members.allSatisfy { !named.contains($0.account.participant.nik) }, "no member takes a named demo person's NIK")
        #expect(DemoPopulation.member(12_345).account == DemoPopulation.member(12_345).account)
        #expect(members.allSatisfy { $0.account.participant.branchID == DemoData.bandung.id })
    }

    @Test func theMixFollowsTheStudies() {
        let members = (0..<10_000).map(DemoPopulation.member)
        func share(_ predicate: (DemoPopulation.Member) -> Bool) -> Double {
            Double(members.filter(predicate).count) / Double(members.count)
        }
        #expect(abs(share { $0.account.membership.balance.amount < 15_000_000 } - 0.75) < 0.02)
        #expect(abs(share { $0.account.membership.status == .active } - 0.05) < 0.01)
        #expect(abs(share { !$0.account.participant.isDataUpdateDone } - 0.2) < 0.01)
        #expect(abs(share(\.firstAccountIsDormant) - 0.04) < 0.005)
    }

    @Test func theDemoBankAndRegistryKnowTheMembers() async throws {
        let bank = DemoPopulation.bank(count: 100)
        let registry = DemoPopulation.civilRegistry(count: 100)
        let dormant = (0..<100).map(DemoPopulation.member).filter(\.firstAccountIsDormant)
        let member = try #require(dormant.first)
        #expect(try await registry.lookUp(nik: member.account.participant.nik)?.name == member.account.participant.name.uppercased())
        #expect(try await registry.lookUp(nik: DemoPopulation.member(100).account.participant.nik) == nil)
        #expect(try await registry.lookUp(nik: DemoData.people[0].account.participant.nik) != nil)
        func pay(_ account: BankAccount) async throws -> TransferOutcome {
            try await bank.transfer(
                TransferOrder(idempotencyKey: UUID().uuidString, account: account, amount: 1_000_000, reference: "test")
            )
        }
        #expect(try await pay(member.firstBankAccount) == .failed(.inactiveAccount))
        #expect(try await pay(member.secondBankAccount) != .failed(.inactiveAccount))
    }

    @Test func seedingAddsOnlyWhatIsMissing() async throws {
        let store = try SQLiteStore.inMemory()
        try await DemoData.seedIfEmpty(store)  // the branch first
        #expect(try await DemoPopulation.seed(store, count: 30) == 30)
        #expect(try await DemoPopulation.seed(store, count: 40) == 10)
        let member = DemoPopulation.member(35).account
        #expect(try await store.account(nik: member.participant.nik) == member)
    }
}
