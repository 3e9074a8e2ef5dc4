import Foundation
import PhoneSync
import Sync
import Testing

/// Seeds to run: `JHT_SIM_SEEDS=10000` runs more, `JHT_SIM_SEED=42` replays one.
enum SimulationSeeds {
    /// Steps of work per run before the network heals.
    static let steps = 200

    static var all: [UInt64] {
        let environment = ProcessInfo.processInfo.environment
        if let one = environment["JHT_SIM_SEED"].flatMap(UInt64.init) { return [one] }
        let count = environment["JHT_SIM_SEEDS"].flatMap(Int.init) ?? 1_000
        return (0..<UInt64(count)).map { $0 }
    }
}

/// Replicas converge: four phones of two participants, the server and its officers, on a
/// network that reorders, duplicates, drops and delays, with offline spells and app kills;
/// both phones submit the same draft, and two finance officers pay one claim at once.
/// After quiescence every replica equals the server, every acknowledged mutation is present
/// exactly once, every conflict is accounted for by its merge policy, and every paid claim is
/// debited once.
@Suite("Deterministic sync simulation")
struct SimulationTests {
    @Test(arguments: SimulationSeeds.all)
    func replicasConverge(seed: UInt64) async throws {
        let world = try await SimWorld(seed: seed)
        try await world.prepareDrafts()
        try await world.work(steps: SimulationSeeds.steps)
        let settled = try await world.quiesce()
        #expect(settled, "seed \(seed) did not quiesce; replay with JHT_SIM_SEED=\(seed)")
        var oracle = SimOracle()
        try await oracle.check(world)
        #expect(oracle.failures.isEmpty, "seed \(seed) (replay with JHT_SIM_SEED=\(seed)):\n\(oracle.failures.joined(separator: "\n"))")
        #expect(world.phones.allSatisfy { $0.stopped == nil }, "seed \(seed): a sync loop stopped")
    }

    @Test func aRunIsRepeatableFromItsSeed() async throws {
        func fingerprint() async throws -> [String] {
            let world = try await SimWorld(seed: 7)
            try await world.prepareDrafts()
            try await world.work(steps: SimulationSeeds.steps)
            _ = try await world.quiesce()
            return try world.phones.map { phone in
                "\(phone.deviceID):\(phone.created.count):\(try phone.client.store.cursor()):\(phone.kills)"
            } + ["officer:\(world.officerSteps)"]
        }
        #expect(try await fingerprint() == (try await fingerprint()))
    }
}

/// The simulation is only worth its seeds if it reaches the hard cases: this sums what 40
/// seeds exercised and fails if any kind of fault or conflict never happened.
@Suite("Simulation coverage")
struct SimulationCoverageTests {
    @Test func seedsExerciseEveryFaultAndPolicy() async throws {
        var totals: [String: Int] = [:]
        for seed in UInt64(10_000)..<10_040 {
            let world = try await SimWorld(seed: seed)
            try await world.prepareDrafts()
            try await world.work(steps: SimulationSeeds.steps)
            #expect(try await world.quiesce())
            var oracle = SimOracle()
            try await oracle.check(world)
            #expect(oracle.failures.isEmpty, "seed \(seed): \(oracle.failures)")
            for (key, value) in oracle.conflictsByPolicy { totals["conflict.\(key)", default: 0] += value }
            for (key, value) in oracle.rejectionsByCode { totals["rejected.\(key)", default: 0] += value }
            totals["kills", default: 0] += world.phones.map(\.kills).reduce(0, +)
            totals["officerSteps", default: 0] += world.officerSteps
            totals["mutations", default: 0] += world.phones.map(\.created.count).reduce(0, +)
            totals["replays", default: 0] += world.replays
            totals["submitted", default: 0] += world.submittedClaims
            totals["concurrentPayments", default: 0] += world.concurrentPayments
            totals["concurrentPaymentsAccepted", default: 0] += world.concurrentPaymentsAccepted
            totals["duplicateSubmits", default: 0] += world.duplicateSubmits
        }
        print(
            "simulation coverage over 40 seeds: \(totals.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))"
        )
        let keys = [
            "kills", "officerSteps", "replays", "submitted", "conflict.lastWriterWins", "rejected.field.locked", "concurrentPayments",
            "concurrentPaymentsAccepted", "duplicateSubmits",
        ]
        for key in keys {
            #expect((totals[key] ?? 0) > 0, "the simulation never exercised \(key)")
        }
    }
}
