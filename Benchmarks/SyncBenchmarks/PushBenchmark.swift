import ArgumentParser
import AsyncHTTPClient
import Foundation

/// One-mutation pushes, the shape a phone really sends, from many phones at once, beside a bare
/// Hummingbird + GRDB endpoint in the same process that decodes the same body and inserts one
/// row. Rounds alternate between the two so a busy machine weighs on both alike.
struct PushBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "One-mutation pushes vs a bare Hummingbird + GRDB endpoint, in one process."
    )

    @Option(help: "Phones pushing at once (each its own participant).") var phones = 16
    @Option(help: "Seconds per round.") var seconds = 10.0
    @Option(help: "Rounds of each (alternating); the median counts.") var rounds = 3

    func run() async throws {
        let folder = try BenchFolder()
        defer { folder.remove() }
        let service = try await InProcessServer.service(
            database: folder.path("server.sqlite"),
            blobs: folder.path("blobs"),
            population: phones
        )
        let bare = try await BareEndpoint.start(databasePath: folder.path("bare.sqlite"))
        var serviceRates: [Double] = []
        var bareRates: [Double] = []
        let load = ProcessStats.loadAverage()
        try await HTTPClient.withBench(connections: phones * 2) { client in
            var servicePhones = try await BenchPhone.signIn(members: 0..<phones, baseURL: service.baseURL, client: client)
            var barePhones = servicePhones.map { phone in
                var bare = phone
                bare.deviceID = "bare-\(phone.deviceID)"
                return bare
            }
            // Warm up both: connections open, statements and code paths hot.
            servicePhones = try await PushLoad.run(
                servicePhones,
                urls: [service.baseURL + "/v1/sync/push"],
                duration: .seconds(2),
                client: client
            ).phones
            barePhones = try await PushLoad.run(barePhones, urls: [bare.baseURL + "/v1/sync/push"], duration: .seconds(2), client: client)
                .phones

            for round in 1...rounds {
                let b = try await PushLoad.run(
                    barePhones,
                    urls: [bare.baseURL + "/v1/sync/push"],
                    duration: .seconds(seconds),
                    client: client
                )
                barePhones = b.phones
                bareRates.append(Double(b.pushes) / b.seconds)
                let s = try await PushLoad.run(
                    servicePhones,
                    urls: [service.baseURL + "/v1/sync/push"],
                    duration: .seconds(seconds),
                    client: client
                )
                servicePhones = s.phones
                serviceRates.append(Double(s.pushes) / s.seconds)
                print("round \(round): bare \(format(bareRates.last!, 0)) requests/s, push \(format(serviceRates.last!, 0)) pushes/s")
            }
        }
        await service.stop()
        await bare.stop()
        let push = median(serviceRates)
        let baseline = median(bareRates)
        print(
            "one-mutation push, \(phones) phones at once, \(rounds) rounds of \(format(seconds, 0)) s (load average \(format(load, 2)) at the start)"
        )
        print("  bare Hummingbird + GRDB endpoint: \(format(baseline, 0)) requests/s (median)")
        print("  HTTP push, one mutation:          \(format(push, 0)) pushes/s (median)")
        print("  ratio push/bare:                  \(format(push / baseline, 3))")
    }
}
