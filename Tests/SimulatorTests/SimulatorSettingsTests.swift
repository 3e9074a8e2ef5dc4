import ArgumentParser
import Foundation
import Testing

@testable import jht_sim

/// Options over scenarios, refusals of bad ones, seeded choices, and the poke signal.
@Suite("Simulator settings and randomness")
struct SimulatorSettingsTests {
    @Test func theSameSeedMakesTheSameChoices() {
        var a = SimRandom(seed: 9, stream: 4)
        var b = SimRandom(seed: 9, stream: 4)
        var c = SimRandom(seed: 9, stream: 5)
        let first = (0..<20).map { _ in a.int(0..<1_000) }
        #expect(first == (0..<20).map { _ in b.int(0..<1_000) })
        #expect(first != (0..<20).map { _ in c.int(0..<1_000) })
        #expect(a.uuid() == b.uuid())
    }

    @Test func optionsOverrideTheScenario() throws {
        let command = try JHTSimCommand.parse(["--scenario", "branch-day", "--participants", "50", "--drop-rate", "0.3"])
        let settings = try command.settings()
        #expect(settings.participants == 50)
        #expect(settings.population == 40_000)
        #expect(settings.dropRate == 0.3)
        #expect(settings.concurrency == Scenario.branchDay.settings.concurrency)
    }

    @Test func badOptionsAreRefusedWithAReason() throws {
        for arguments in [["--drop-rate", "1.5"], ["--participants", "0"], ["--population", "2000000"]] {
            let command = try JHTSimCommand.parse(arguments)
            #expect(throws: (any Error).self, "\(arguments)") { try command.settings() }
        }
        #expect(throws: (any Error).self) { try JHTSimCommand.parse(["--scenario", "rush-hour"]) }
    }

    @Test func aSignalWakesAWaiterAndTimesOut() async {
        let signal = Signal()
        let seen = signal.version
        #expect(await signal.wait(beyond: seen, seconds: 0.05) == false)
        Task { signal.notify() }
        #expect(await signal.wait(beyond: seen, seconds: 5))
    }
}
