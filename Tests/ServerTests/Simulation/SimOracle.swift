import Foundation
import Models
import PhoneSync
import Sync

@testable import Server

/// What must hold after quiescence; each failure names what diverged.
struct SimOracle {
    /// Rejection codes the rules can produce; anything else is a bug.
    static let knownRejections: Set<String> = [
        "field.locked", "field.serverOwned", "fields.rejected", "record.notFound", "record.deleted", "record.exists",
        "claim.notFound", "claim.notReady", "claim.documentsMissing", "claim.bankAccountMissing", "claim.bankAccountHolderMismatch",
        "claim.channelNotAllowed", "claim.tooManyOpen", "workflow.invalidTransition", "eligibility.waitingPeriod",
        "eligibility.membershipActive", "claim.taxNumberRequired", "claim.dataUpdateRequired",
    ]

    var failures: [String] = []
    var conflictsByPolicy: [String: Int] = [:]
    var rejectionsByCode: [String: Int] = [:]

    mutating func check(_ world: SimWorld) async throws {
        let reference = try await world.store.snapshot(of: .reference)
        for phone in world.phones {
            let server = try await world.store.snapshot(of: phone.bucket)
            try checkReplicaEqualsServer(phone, records: server.records.merging(reference.records) { a, _ in a })
            try await checkExactlyOnce(phone, world: world)
            checkAcknowledgedEffects(phone, server: server)
        }
        try await checkLastWriterWins(world)
        try await checkPaidOnce(world)
        if world.concurrentPaymentsAccepted > world.concurrentPayments {
            failures.append("\(world.concurrentPaymentsAccepted) payments accepted of \(world.concurrentPayments) pairs paid at once")
        }
    }

    /// Money moves once: each paid claim is debited exactly once, nothing else is debited, and
    /// the balance the phones see is the ledger's.
    mutating func checkPaidOnce(_ world: SimWorld) async throws {
        for bucket in Set(world.phones.map(\.bucket)).sorted(by: { $0.rawValue < $1.rawValue }) {
            let account = world.phones.first { $0.bucket == bucket }!.account
            let ledger = try await world.store.ledger(of: account.participant.id)
            let records = try await world.store.snapshot(of: bucket).records
            let claims = records.values.compactMap { try? $0.decode(as: Claim.self) }
            for claim in claims {
                let debits = ledger.entries.filter { $0.paidClaim == claim.id }.count
                let paid = claim.status == .paid
                if debits != (paid ? 1 : 0) { failures.append("\(bucket): claim \(claim.id) is \(claim.status) with \(debits) debits") }
            }
            let debited = Set(ledger.entries.compactMap(\.paidClaim))
            if !debited.isSubset(of: Set(claims.map(\.id))) { failures.append("\(bucket): a debit names a claim the bucket does not hold") }
            let key = RecordKey(type: MembershipStatement.syncSchema.type, id: account.participant.id.rawValue.uuidString)
            guard let statement = try? records[key]?.decode(as: MembershipStatement.self) else {
                failures.append("\(bucket): the membership statement is missing")
                continue
            }
            if statement.balance != ledger.balance {
                failures.append("\(bucket): the synced balance \(statement.balance) is not the ledger's \(ledger.balance)")
            }
        }
    }

    mutating func checkReplicaEqualsServer(_ phone: SimPhone, records: [RecordKey: SyncRecord]) throws {
        for (key, record) in records.sorted(by: { $0.key < $1.key }) where !record.deleted {
            let local = try phone.client.store.localRecord(key)
            if local != record { failures.append("\(phone.deviceID): \(key) differs from the server") }
        }
        for type in ["claim", "profile", "biometricAttempt", "branch"] {
            for local in try phone.client.store.localRecords(type: type) where records[local.key] == nil {
                failures.append("\(phone.deviceID): has \(local.key), which the server does not")
            }
        }
    }

    mutating func checkExactlyOnce(_ phone: SimPhone, world: SimWorld) async throws {
        let device = try await world.store.deviceState(phone.deviceID)
        let last = device?.lastCounter ?? 0
        if last != Int64(phone.created.count) {
            failures.append("\(phone.deviceID): server applied \(last) mutations, the phone made \(phone.created.count)")
        }
        guard !phone.created.isEmpty, let device else { return }
        let request = BucketRequest(bucket: device.bucket, deviceID: phone.deviceID, storedResults: 1...Int64(phone.created.count))
        let stored = try await world.store.transact(request) { state in BucketDecision(BucketChanges(), state.results) }.value
        for mutation in phone.created {
            guard let result = stored[mutation.counter], result.mutationID == mutation.id else {
                failures.append("\(phone.deviceID): mutation \(mutation.counter) has no stored result of its own")
                continue
            }
            if let seen = phone.results[mutation.id], seen != result {
                failures.append("\(phone.deviceID): mutation \(mutation.counter) was answered differently on replay")
            }
        }
    }

    mutating func checkAcknowledgedEffects(_ phone: SimPhone, server: BucketSnapshot) {
        for mutation in phone.created {
            guard let result = phone.results[mutation.id] else { continue }
            let schema = RecordSchemas.schema(for: mutation.record.type)
            switch result.outcome {
            case .rejected(let rejection):
                rejectionsByCode[rejection.code, default: 0] += 1
                if !Self.knownRejections.contains(rejection.code), !rejection.code.hasPrefix("eligibility.") {
                    failures.append("\(phone.deviceID): unexpected rejection \(rejection.code): \(rejection.message)")
                }
                continue
            case .merged(let superseded):
                for field in superseded {
                    let policy = schema?.fields[field]?.underlying
                    conflictsByPolicy["lastWriterWins", default: 0] += 1
                    if policy != .lastWriterWins { failures.append("\(phone.deviceID): \(field) superseded but is not last-writer-wins") }
                }
            case .applied:
                break
            }
            let record = server.records[mutation.record]
            switch mutation.operation {
            case .update(let fields):
                for (field, value) in fields {
                    guard case .register(let register)? = record?.fields[field] else {
                        failures.append("\(phone.deviceID): acknowledged write of \(mutation.record).\(field) is missing")
                        continue
                    }
                    if register.clock < mutation.clock || (register.clock == mutation.clock && register.value != value) {
                        failures.append("\(phone.deviceID): acknowledged write of \(mutation.record).\(field) was lost")
                    }
                }
            case .addElement(let field, let elementID, _):
                guard case .set(let elements)? = record?.fields[field], elements[elementID]?.adds.contains(mutation.id.uuidString) == true
                else {
                    failures.append("\(phone.deviceID): acknowledged add to \(mutation.record).\(field) is missing")
                    continue
                }
            case .removeElement(let field, let elementID):
                if case .set(let elements)? = record?.fields[field], let element = elements[elementID], element.isPresent {
                    conflictsByPolicy["addWinsSet", default: 0] += 1  // a concurrent add kept it
                }
            case .intent(let intent) where intent.name == .createClaimDraft:
                if record == nil { failures.append("\(phone.deviceID): acknowledged draft \(mutation.record) is missing") }
            default:
                break
            }
        }
    }

    /// Contact details: the final value is the accepted write with the greatest clock.
    mutating func checkLastWriterWins(_ world: SimWorld) async throws {
        for bucket in Set(world.phones.map(\.bucket)) {
            let phones = world.phones.filter { $0.bucket == bucket }
            let key = RecordKey(type: "profile", id: phones[0].account.participant.id.rawValue.uuidString)
            guard let profile = try await world.store.snapshot(of: bucket).records[key] else {
                failures.append("\(bucket): profile missing")
                continue
            }
            for field in ["email", "language"] {
                let writes = phones.flatMap { phone in
                    phone.created.compactMap { mutation -> (HLCTimestamp, JSONValue)? in
                        guard mutation.record == key, case .update(let fields) = mutation.operation, let value = fields[field],
                            phone.results[mutation.id]?.outcome.isAccepted == true
                        else { return nil }
                        return (mutation.clock, value)
                    }
                }
                guard let winner = writes.max(by: { $0.0 < $1.0 }) else { continue }
                if profile[field] != winner.1 { failures.append("\(bucket): \(field) is not the latest write") }
            }
        }
    }
}
