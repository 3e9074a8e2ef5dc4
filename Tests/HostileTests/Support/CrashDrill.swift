import Foundation
import Models
import Server
import Sync
import SyncHTTP
import Synchronization
import Testing

/// Phones push concurrently; the server is killed with SIGKILL at a random moment, again and
/// again, and restarted on the same database. Afterwards every acknowledged push must still be
/// there, answered from the server's record of it, no device counter may have gone back, and
/// the database must check clean. Black box: HTTP and the process only.
struct CrashDrill {
    /// The server's arguments besides `--port`.
    var arguments: [String]
    var kills: Int
    var phones = 8
    /// Checks the database while the server is down (SQLite: PRAGMA integrity_check).
    var checkWhileDown: () throws -> Void = {}

    /// What the drill saw.
    struct Outcome {
        var acknowledgedPushes = 0
        var acknowledgedMutations = 0
        var unansweredAtKill = 0
        var failures: [String] = []
        /// Everything the server processes wrote.
        var log = ""
    }

    func run() async throws -> Outcome {
        let output = ServerUnderTest.Output()
        var server = try await ServerUnderTest.start(arguments, output: output)
        let port = server.port
        let transport = HTTPSyncTransport(baseURL: server.url)
        var phones: [DrillPhone] = []
        for (index, person) in DemoData.people.prefix(self.phones).enumerated() {
            let participant = person.account.participant
            let device = "drill-phone-\(index)"
            let tokens = try await HTTPTokenProvider.signIn(
                baseURL: server.url,
                nik: participant.nik.rawValue,
                kpj: participant.kpj.rawValue,
                deviceID: device
            ) { DemoCodeSender.demoCode }
            phones.append(DrillPhone(device: device, tokens: tokens, participant: participant.id))
        }
        var outcome = Outcome()
        for _ in 0..<kills {
            let stopped = Flag()
            async let pushed = Self.push(phones, through: transport, until: stopped)
            try await Task.sleep(for: .milliseconds(Int.random(in: 300...1500)))
            server.kill9()
            stopped.set()
            try checkWhileDown()
            // Up again at once: a push the phones' HTTP client is still trying to connect for
            // goes to the new process, as a phone's retry would.
            server = try await ServerUnderTest.start(arguments, port: port, output: output)
            phones = await pushed
            outcome.unansweredAtKill += phones.filter { $0.unanswered != nil }.count
        }
        // Back up: each phone resends what went unanswered, then pushes a little more.
        let settled = Flag()
        async let afterwards = Self.push(phones, through: transport, until: settled)
        try await Task.sleep(for: .milliseconds(300))
        settled.set()
        phones = await afterwards
        for phone in phones {
            outcome.failures += phone.failures
            outcome.acknowledgedPushes += phone.acknowledged.count
            outcome.acknowledgedMutations += phone.acknowledged.reduce(0) { $0 + $1.request.mutations.count }
            outcome.failures += try await verify(phone, transport: transport)
        }
        server.stop()
        try checkWhileDown()
        outcome.log = output.text
        return outcome
    }

    /// Every phone pushing at once until `stop` is set (or its server goes away).
    static func push(_ phones: [DrillPhone], through transport: HTTPSyncTransport, until stop: Flag) async -> [DrillPhone] {
        await withTaskGroup(of: DrillPhone.self) { group in
            for phone in phones {
                group.addTask {
                    var phone = phone
                    await phone.push(through: transport) { stop.isSet }
                    return phone
                }
            }
            return await group.reduce(into: []) { $0.append($1) }.sorted { $0.device < $1.device }
        }
    }

    /// Every acknowledged push, sent again, is answered exactly as it was (from the server's
    /// record of it: exactly once), and the profile shows the last acknowledged e-mail.
    func verify(_ phone: DrillPhone, transport: HTTPSyncTransport) async throws -> [String] {
        var failures: [String] = []
        let token = try await phone.tokens.accessToken()
        for (request, original) in phone.acknowledged {
            do {
                let replayed = try await transport.push(request, accessToken: token)
                if replayed.results != original.results {
                    failures.append("\(phone.device): counters \(request.mutations[0].counter)... answered differently when sent again")
                }
            } catch {
                failures.append("\(phone.device): counters \(request.mutations[0].counter)... sent again: \(error)")
            }
        }
        let page = try await transport.pull(cursor: .start, limit: 1000, accessToken: token)
        let email = page.changes.last { $0.record.key == phone.profile }?.record["email"]
        if case .string(let shown) = email, phone.possibleEmails.contains(shown) { return failures }
        failures.append("\(phone.device): the profile shows \(String(describing: email)), not one of \(phone.possibleEmails.sorted())")
        return failures
    }
}

/// A flag set once, read from any task.
final class Flag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
