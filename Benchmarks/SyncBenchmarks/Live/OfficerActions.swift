import AsyncHTTPClient
import Foundation
import Models
import NIOCore
import NIOHTTP1
import Server
import SyncHTTP
import Synchronization

/// Officers' actions at a steady rate, whatever the answers' pace (an open loop): finance posts
/// one contribution to one participant's ledger per action (`POST /v1/office/ledger/postings`),
/// each to a different participant, so each action pokes exactly one phone.
struct OfficerActions {
    /// When each member's action was sent, on the monotonic clock.
    var sent: [Int: UInt64]
    /// Seconds from sending to the answer.
    var answers: [Double]
    var achievedRate: Double
    /// Cores the server used while the actions ran.
    var serverCPU: Double
    var peakRSS: Int

    static func run(
        base: String,
        members: Int,
        of population: Int,
        rate: Double,
        client: HTTPClient,
        server: Int32
    ) async throws -> OfficerActions {
        precondition(members <= population, "each action goes to a participant of its own")
        let officer = try await HTTPTokenProvider.signInOfficer(
            baseURL: base,
            employeeNumber: DemoPopulation.officer(.finance, 1).employeeNumber,
            deviceID: "bench-finance-desk",
            client: client
        ) { DemoCodeSender.demoCode }
        let token = try await officer.accessToken()
        let record = ActionLog()
        let peak = Counter()
        let watch = Task {
            while !Task.isCancelled {
                let rss = ProcessStats.read(server)?.residentBytes ?? 0
                peak.raise(to: rss)
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
        let cpuBefore = ProcessStats.read(server)?.cpuSeconds ?? 0
        let start = ContinuousClock.now
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<members {
                try? await Task.sleep(until: start + .seconds(Double(index) / rate))
                let member = index
                group.addTask {
                    let participant = DemoPopulation.member(member).account.participant.id.rawValue.uuidString
                    let body = """
                        {"postings":[{"id":"\(UUID().uuidString)","participantId":"\(participant)","amount":250000,\
                        "source":{"kind":"contribution","period":"2026-11","employer":"PT Tekstil Cigondewah"}}]}
                        """
                    var request = HTTPClientRequest(url: base + "/v1/office/ledger/postings")
                    request.method = .POST
                    request.headers.add(name: "content-type", value: "application/json")
                    request.headers.add(name: "authorization", value: "Bearer \(token)")
                    request.body = .bytes(ByteBuffer(string: body))
                    let sent = monotonicNanos()
                    record.state.withLock { $0.sent[member] = sent }
                    do {
                        let response = try await client.execute(request, timeout: .seconds(30))
                        let answer = try await response.body.collect(upTo: 1024 * 1024)
                        let seconds = Double(monotonicNanos() - sent) / 1e9
                        let posted = response.status == .ok && String(buffer: answer).contains("\"posted\"")
                        record.state.withLock {
                            $0.answers.append(seconds)
                            if !posted { $0.failures.append("HTTP \(response.status.code): \(String(buffer: answer))") }
                        }
                    } catch {
                        record.state.withLock { $0.failures.append("\(error)") }
                    }
                }
            }
        }
        let elapsed = seconds(ContinuousClock.now - start)
        let cpu = (ProcessStats.read(server)?.cpuSeconds ?? cpuBefore) - cpuBefore
        watch.cancel()
        let (sent, answers, failures) = record.state.withLock { ($0.sent, $0.answers, $0.failures) }
        if let failure = failures.first { throw BenchFailure("\(failures.count) actions failed, for example: \(failure)") }
        return OfficerActions(
            sent: sent,
            answers: answers,
            achievedRate: Double(members) / elapsed,
            serverCPU: cpu / elapsed,
            peakRSS: peak.value
        )
    }
}

/// What the actions' tasks record.
final class ActionLog: Sendable {
    struct State {
        var sent: [Int: UInt64] = [:]
        var answers: [Double] = []
        var failures: [String] = []
    }

    let state = Mutex(State())
}
