import Foundation
import GRDB
import Models
import PhoneSync
import Sync

@testable import Server

/// A phone in the simulation: a replica whose database survives app kills, driven step by
/// step through `SyncClient`'s step API (no real concurrency, so a seed replays exactly).
final class SimPhone {
    let deviceID: String
    let account: ParticipantAccount
    let database: DatabaseQueue
    let clock: SimClock
    var client: SyncClient
    var online = true
    /// The request the client waits for: its id and when it times out.
    var outstanding: (id: Int, kind: SimMessage.Kind, deadline: Int64)?
    var retryAt: Int64?
    /// Every mutation this phone created, in order, and the results it received.
    var created: [Mutation] = []
    var results: [UUID: MutationResult] = [:]
    var kills = 0
    var stopped: String?

    var bucket: BucketID { .participant(account.participant.id.rawValue.uuidString) }
    var principal: Principal { Principal(kind: .participant, id: account.participant.id.rawValue, deviceID: DeviceID(deviceID)) }

    init(deviceID: String, account: ParticipantAccount, clock: SimClock, seed: UInt64) throws {
        self.deviceID = deviceID
        self.account = account
        self.database = try DatabaseQueue()
        self.clock = clock
        self.client = try Self.makeClient(database: database, deviceID: deviceID, clock: clock, seed: seed)
    }

    static func makeClient(database: DatabaseQueue, deviceID: String, clock: SimClock, seed: UInt64) throws -> SyncClient {
        let store = try ReplicaStore(writer: database, newDeviceID: deviceID, wallClock: { clock.now })
        return try SyncClient(
            store: store,
            transport: UnusedTransport(),
            tokens: SimTokens(),
            backoff: RetryBackoff(initialSeconds: 1, maximumSeconds: 8, seed: seed)
        )
    }

    /// The app is killed and started again: memory is lost, the database stays.
    func kill(seed: UInt64) throws {
        client = try Self.makeClient(database: database, deviceID: deviceID, clock: clock, seed: seed)
        outstanding = nil
        retryAt = nil
        kills += 1
        try client.start()
    }

    /// Makes a local change, as the participant taps.
    func mutate(_ key: RecordKey, _ operation: Sync.Operation, id: UUID) {
        // A change the phone itself refuses (its local rules) never enters the outbox.
        if let mutation = try? client.mutate(record: key, operation: operation, id: id) { created.append(mutation) }
    }
}

/// The simulation delivers messages itself; the client's own transport is never used.
struct UnusedTransport: SyncTransport {
    func push(_ request: PushRequest, accessToken: String) async throws -> PushResponse { throw SyncTransportError.transient("unused") }
    func pull(cursor: SyncCursor, limit: Int, accessToken: String) async throws -> PullResponse {
        throw SyncTransportError.transient("unused")
    }
}

struct SimTokens: TokenProvider {
    func accessToken() async throws -> String { "simulated" }
    func refresh() async throws -> String { "simulated" }
}

/// A message on the simulated network.
struct SimMessage {
    enum Kind: Equatable {
        case push
        case pull
    }

    enum Payload {
        case pushRequest(PushRequest)
        case pullRequest(cursor: SyncCursor, limit: Int)
        case pushResponse(Result<PushResponse, SyncTransportError>)
        case pullResponse(Result<PullResponse, SyncTransportError>)
        case poke(cursor: SyncCursor)
    }

    var phone: Int
    var requestID: Int
    var payload: Payload
    var deliverAt: Int64
}
