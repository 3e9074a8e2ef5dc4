import Foundation
import Testing

@testable import jht_sim

/// The named scenarios end to end: real phones (replicas over HTTP, live streams, tus uploads
/// with cuts), officers over the office API, against a real `jht-server` process.
@Suite("Scenarios against a real server process", .serialized)
struct ScenarioIntegrationTests {
    @Test(arguments: [Scenario.smoke, .flakyNetwork])
    func scenarioEndsWithEveryReplicaEqualToTheServer(_ scenario: Scenario) async throws {
        let settings = scenario.settings
        let server = try await ServerProcess.start(population: settings.population)
        defer { server.stop() }
        let results = try await SimulationRun(
            scenario: scenario,
            settings: settings,
            seed: 42,
            baseURL: server.url,
            showProgress: false
        ).run()
        let report = ReportText.render(results, plotsFolder: nil)
        #expect(results.divergences.isEmpty, "\(report)")
        #expect(results.missingAcknowledged.isEmpty, "\(report)")
        #expect(results.passed)
        #expect(results.participantsFinished == settings.participants)
        #expect(results.journeyOutcomes.keys.allSatisfy { !$0.hasPrefix("error") }, "\(results.journeyOutcomes)")
        #expect(results.claimsByState.values.reduce(0, +) == settings.participants, "every journey's claim is on the server")
        #expect((results.claimsByState["paid"] ?? 0) > 0, "officers paid some claims: \(results.claimsByState)")
        #expect(!results.statusLatenciesMillis.isEmpty, "phones saw officers' steps on the live stream")
        #expect(results.syncBytesPerParticipant.count == settings.participants)
        #expect(results.faults.uploadCuts > 0 && results.faults.uploadsResumed > 0, "uploads were cut and resumed: \(results.faults)")
        #expect(results.faults.appKills > 0 && results.faults.offlineSpells > 0, "\(results.faults)")
        #expect(results.timeline.count >= 2)
        if scenario == .flakyNetwork {
            #expect(results.faults.droppedRequests > 0 && results.faults.duplicatedRequests > 0, "\(results.faults)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("jht-sim-report-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let files = try ReportWriter.write(results, to: folder).map(\.lastPathComponent).sorted()
        #expect(files == ["claims-over-time.svg", "report.json", "report.txt", "status-latency.svg"])
    }

    /// `--server self`: the service built in process, on its own SQLite file, answers a run.
    @Test func selfHostedServerServesARun() async throws {
        var settings = Scenario.smoke.settings
        settings.population = 60
        settings.participants = 3
        settings.faceFailureRate = 0
        settings.followSeconds = 10
        let server = try await SelfHostedServer.start(population: settings.population)
        let results = try await SimulationRun(scenario: .smoke, settings: settings, seed: 3, baseURL: server.url, showProgress: false).run()
        await server.stop()
        #expect(results.passed, "\(ReportText.render(results, plotsFolder: nil))")
        #expect(results.participantsFinished == 3)
        #expect(!FileManager.default.fileExists(atPath: server.folder.path), "the in-process server's files are removed")
    }

    /// A population the server was not started with is refused before anything runs, saying how to fix it.
    @Test func aServerWithoutThePopulationIsToldHowToStartIt() async throws {
        let server = try await ServerProcess.start(population: 10)
        defer { server.stop() }
        var settings = Scenario.smoke.settings
        settings.population = 500
        await #expect {
            _ = try await SimulationRun(scenario: .smoke, settings: settings, seed: 1, baseURL: server.url, showProgress: false).run()
        } throws: { error in
            String(describing: error).contains("--demo-population 500")
        }
    }
}
