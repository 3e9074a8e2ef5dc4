import Foundation
import Models
import PhoneSync
import Server
import Sync
import SyncHTTP
import Synchronization

extension ParticipantJourney {
    /// Brings every phone online and in sync, then checks each against the server: nothing
    /// left unsent, the replica equal to a fresh pull of the same bucket, and every mutation the
    /// server acknowledged present in what the server now holds.
    /// - Returns: the participant's bucket and the reference data as the server holds them.
    @discardableResult
    mutating func finish() async throws -> [RecordKey: SyncRecord] {
        for phone in phones {
            if phone.network.isOffline { try phone.comeOnline() }
            try await phone.uploadDocuments()
        }
        var server: [RecordKey: SyncRecord] = [:]
        for phone in phones { server = try await check(phone) }
        if let record = server[claimKey], let claim = try? record.decode(as: Claim.self) {
            metrics.claimEnded(claim, now: context.now())
        }
        return server
    }

    /// Checks one phone; returns the server's records as pulled fresh.
    func check(_ phone: Phone) async throws -> [RecordKey: SyncRecord] {
        var fresh: (records: [RecordKey: SyncRecord], cursor: SyncCursor) = ([:], .start)
        for attempt in 1...6 {
            try await phone.sync()
            fresh = try await freshPull(phone)
            // Something changed between the phone's sync and the fresh pull: sync again.
            if try phone.client.store.cursor() == fresh.cursor || attempt == 6 { break }
        }
        let who = "participant \(member.index) \(phone.label.split(separator: " ").suffix(2).joined(separator: " "))"
        let unsent = try phone.client.store.outboxCount()
        if unsent > 0 { metrics.divergence("\(who): \(unsent) changes never reached the server") }
        let waiting = try phone.client.store.queuedUploads().filter { $0.state == .waiting }.count
        if waiting > 0 { metrics.divergence("\(who): \(waiting) documents never finished uploading") }
        compare(phone, fresh.records, who: who)
        for (mutation, result) in phone.network.acknowledged.withLock({ $0 }) {
            if let problem = Self.missing(mutation, result, in: fresh.records) {
                metrics.missingAcknowledged("\(who): \(problem)")
            }
        }
        return fresh.records
    }

    /// Every record the phone shows equals the server's, and the other way round.
    func compare(_ phone: Phone, _ server: [RecordKey: SyncRecord], who: String) {
        let types = Set(server.keys.map(\.type))
        for type in types.sorted() {
            let local = (try? phone.client.store.localRecords(type: type)) ?? []
            let mine = Dictionary(local.map { ($0.key, $0) }) { first, _ in first }
            let theirs = server.filter { $0.key.type == type && !$0.value.deleted }
            for (key, record) in theirs where mine[key] != record {
                let fields =
                    mine[key].map { local in
                        Set(record.fields.keys).union(local.fields.keys).filter { record.fields[$0] != local.fields[$0] }.sorted()
                    } ?? []
                metrics.divergence(
                    mine[key] == nil
                        ? "\(who): \(key.type)/\(key.id) is on the server but not on the phone"
                        : "\(who): \(key.type)/\(key.id) differs from the server in \(fields.joined(separator: ", "))"
                )
            }
            for key in mine.keys where theirs[key] == nil {
                metrics.divergence("\(who): \(key.type)/\(key.id) is on the phone but not on the server")
            }
        }
    }

    /// Why an acknowledged mutation is not reflected on the server, or nil when it is.
    static func missing(_ mutation: Mutation, _ result: MutationResult, in server: [RecordKey: SyncRecord]) -> String? {
        let name = "mutation \(mutation.counter) (\(mutation.record.type)/\(mutation.record.id))"
        if case .delete = mutation.operation { return nil }
        guard let record = server[mutation.record] else { return "\(name) was acknowledged but its record is gone" }
        if case .update(let fields) = mutation.operation {
            var superseded: Set<String> = []
            if case .merged(let fields) = result.outcome { superseded = Set(fields) }
            for field in fields.keys.sorted() where !superseded.contains(field) {
                guard let state = record.fields[field], state.latestClock >= mutation.clock else {
                    return "\(name): field \(field) lost its acknowledged write"
                }
            }
        }
        return nil
    }

    /// The phone's bucket and the reference data from the start, as the server has them now.
    func freshPull(_ phone: Phone) async throws -> (records: [RecordKey: SyncRecord], cursor: SyncCursor) {
        let transport = HTTPSyncTransport(baseURL: context.baseURL, client: context.client)
        var records: [RecordKey: SyncRecord] = [:]
        var cursor = SyncCursor.start
        var refreshed = false
        while true {
            let page: PullResponse
            do {
                page = try await transport.pull(cursor: cursor, limit: 500, accessToken: try await phone.tokens.accessToken())
            } catch SyncTransportError.unauthorized where !refreshed {
                metrics.request("check", status: 401)
                _ = try await phone.tokens.refresh()
                refreshed = true
                continue
            }
            metrics.request("check", status: 200)
            for change in page.changes { records[change.record.key] = change.record }
            cursor = page.cursor
            if !page.hasMore { return (records, cursor) }
        }
    }
}
