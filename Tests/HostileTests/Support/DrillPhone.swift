import Foundation
import Models
import PhoneSync
import Sync
import SyncHTTP

/// One phone of the crash drill: it pushes batches of profile edits in counter order over HTTP,
/// as a phone's outbox does, and remembers every answer the server gave.
struct DrillPhone: Sendable {
    let device: String
    let tokens: HTTPTokenProvider
    let profile: RecordKey
    var clock: HybridLogicalClock
    var counter: Int64 = 0
    /// Every batch the server answered, with its answer.
    var acknowledged: [(request: PushRequest, response: PushResponse)] = []
    /// The batch sent last whose answer never came (the server was killed under it).
    var unanswered: PushRequest?
    /// What the server did that it must never do.
    var failures: [String] = []

    init(device: String, tokens: HTTPTokenProvider, participant: Participant.ID) {
        self.device = device
        self.tokens = tokens
        self.profile = RecordKey(type: "profile", id: participant.rawValue.uuidString)
        self.clock = HybridLogicalClock(node: device)
    }

    /// The counter of the last acknowledged mutation.
    var lastAcknowledged: Int64 { acknowledged.last?.request.mutations.last?.counter ?? 0 }

    /// The e-mail the server must show now: the last one acknowledged, or a later one it may
    /// have kept without answering.
    var possibleEmails: Set<String> {
        var emails: Set<String> = []
        if let last = acknowledged.last?.request.mutations.last { emails.insert(Self.email(last)) }
        for mutation in unanswered?.mutations ?? [] { emails.insert(Self.email(mutation)) }
        return emails
    }

    static func email(_ mutation: Mutation) -> String {
        if case .update(let fields) = mutation.operation, case .string(let email) = fields["email"] { return email }
        return ""
    }

    /// The next batch: 1 to 20 edits of the profile's e-mail.
    mutating func nextBatch() -> PushRequest {
        let millis = Int64(Date().timeIntervalSince1970 * 1000)
        let mutations = (0..<Int.random(in: 1...20)).map { _ in
            counter += 1
            return Mutation(
                deviceID: device,
                counter: counter,
                clock: clock.tick(physicalMillis: millis),
                record: profile,
                operation: .update(fields: ["email": .string("\(device)-\(counter)@example.co.id")])
            )
        }
        return PushRequest(deviceID: device, mutations: mutations)
    }

    /// Pushes (at least once) until `stop` says so or the server goes away; resends an
    /// unanswered batch first.
    mutating func push(through transport: HTTPSyncTransport, until stop: @Sendable () -> Bool) async {
        repeat {
            let batch = unanswered ?? nextBatch()
            unanswered = batch
            do {
                let response = try await transport.push(batch, accessToken: try await tokens.accessToken())
                acknowledged.append((batch, response))
                unanswered = nil
            } catch SyncTransportError.unauthorized {
                guard (try? await tokens.refresh()) != nil else { return }
            } catch SyncTransportError.counterGap(let expected) {
                failures.append(
                    "\(device): the server expects counter \(expected) after acknowledging \(lastAcknowledged): an acknowledged mutation is gone"
                )
                return
            } catch SyncTransportError.permanent(let problem) {
                failures.append("\(device): a push was refused: \(problem)")
                return
            } catch {
                return  // The server went away: the batch stays unanswered.
            }
        } while !stop()
    }
}
