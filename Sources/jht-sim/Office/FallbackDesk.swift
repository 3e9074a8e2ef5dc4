import Foundation
import Models
import NIOHTTP1
import PhoneSync
import Sync
import SyncHTTP
import Synchronization

/// The CSO who serves today's fallback appointments: checks each booked participant in and
/// records the identity check, verified or (now and then) rejected. A verified ticket lets the
/// claim go on through the branch, with what the participant already filled in.
struct FallbackDesk {
    let employeeNumber: String
    let context: RunContext
    var random: SimRandom
    var token = ""
    /// Appointments served (or found not to be served), by id; a ticket without one by its own id.
    var done: Set<String> = []
    /// Appointments whose participant did not come.
    var absent: Set<String> = []
    /// Told the claim of each ticket verified in person: its channel when it went on to the
    /// office, or the code of the server's reason why it could not be submitted as it stood.
    var onVerified: @Sendable (UUID, ClaimChannel?, String?) -> Void = { _, _, _ in }

    init(employeeNumber: String, context: RunContext) {
        self.employeeNumber = employeeNumber
        self.context = context
        self.random = SimRandom(seed: context.seed, stream: 8_000_000)
    }

    struct Entry: Decodable {
        struct Ticket: Decodable {
            var id: String
            var claimID: String
            var status: String
            /// The appointment the ticket is booked for now (a missed one is replaced when rebooked).
            var appointmentID: String?
        }
        struct Booked: Decodable {
            var id: String
            var startsAt: Date
            var status: String
            var bookedAt: Date?
        }
        var ticket: Ticket
        var appointment: Booked?

        /// What the desk remembers having served.
        var servedKey: String { appointment?.id ?? ticket.id }

        /// Whether the participant is expected for this appointment: it is the ticket's current
        /// one and still booked or checked in (not missed, cancelled or replaced by a rebooking).
        var isCurrent: Bool {
            guard let appointment else { return true }
            return appointment.id.caseInsensitiveCompare(ticket.appointmentID ?? "") == .orderedSame
                && (appointment.status == "booked" || appointment.status == "checkedIn")
        }
    }

    mutating func run() async {
        while !Task.isCancelled {
            do {
                if token.isEmpty { token = try await context.officerToken(employeeNumber, desk: "fallback") }
                let entries: [Entry] = try await context.http.json(
                    .GET,
                    "/v1/office/fallback/appointments",
                    family: "fallback office",
                    token: token
                )
                for entry in entries where !done.contains(entry.servedKey) {
                    try await serve(entry)
                }
                try await Task.sleep(for: .seconds(1))
            } catch is CancellationError {
                return
            } catch let failure as SimHTTP.Failure where failure.status == 401 {
                token = ""
            } catch {
                try? await Task.sleep(for: .seconds(1))
            }
        }
    }

    mutating func serve(_ entry: Entry) async throws {
        let ticket = entry.ticket
        let path = "/v1/office/fallback/tickets/\(ticket.id)"
        guard entry.isCurrent else {
            done.insert(entry.servedKey)
            return
        }
        if ticket.status == "booked" {
            let response = try await context.http.send(.POST, "\(path)/check-in", family: "fallback office", token: token)
            guard response.status == 200 else {
                done.insert(entry.servedKey)
                return
            }
            context.metrics.fallback { $0.checkedIn += 1 }
        } else if ticket.status != "checkedIn" {
            done.insert(entry.servedKey)
            return
        }
        let verified = random.chance(0.9)
        let decision: [String: String] =
            verified ? ["outcome": "verified"] : ["outcome": "rejected", "reason": "The face does not match the ID card"]
        let started = context.now()
        let response = try await context.http.send(
            .POST,
            "\(path)/decision",
            family: "fallback office",
            token: token,
            body: try WireCoding.encoder.encode(decision)
        )
        done.insert(entry.servedKey)
        if response.status == 200, verified {
            struct Decision: Decodable {
                struct Entry: Decodable {
                    struct ClaimView: Decodable {
                        var channel: String
                        var status: String
                    }
                    var claim: ClaimView?
                }
                struct Refusal: Decodable { var code: String }
                var entry: Entry
                var claimContinued: Bool
                var claimProblem: Refusal?
            }
            context.metrics.fallback { $0.verified += 1 }
            if let claim = UUID(uuidString: ticket.claimID) {
                context.metrics.officerSet(claim: claim, status: "submitted", at: started)
                let decision = try? WireCoding.decoder.decode(Decision.self, from: response.body)
                onVerified(
                    claim,
                    decision?.claimContinued == true ? decision?.entry.claim.flatMap { ClaimChannel(rawValue: $0.channel) } : nil,
                    decision?.claimProblem?.code
                )
            }
        }
    }

    /// The branch's appointments at `path`, signing the desk in again when its token expired.
    mutating func appointments<Answer: Decodable>(_ path: String) async throws -> Answer {
        let context = context
        let employeeNumber = employeeNumber
        if token.isEmpty { token = try await context.officerToken(employeeNumber, desk: "fallback") }
        return try await context.http.get(path, family: "fallback office", token: &token) {
            try await context.officerToken(employeeNumber, desk: "fallback")
        }
    }

    /// Branch visits booked for `day` (they hold their places under the counter's daily JHT cap).
    mutating func bookedVisits(on day: LocalDate) async throws -> Int {
        struct Listed: Decodable {
            struct Booked: Decodable {
                var kind: String
                var status: String
            }
            var appointment: Booked?
        }
        let entries: [Listed] = try await appointments("/v1/office/fallback/appointments?date=\(day)")
        return entries.filter { $0.appointment?.kind == "branchVisit" && $0.appointment?.status == "booked" }.count
    }

    /// A branch week's hour at the desk: every appointment of today whose slot has begun is
    /// served, unless the participant does not come (decided once per appointment, with
    /// `noShowRate`); those are left to the server's no-show sweep.
    mutating func serveDue(at now: Date, noShowRate: Double) async throws {
        let entries: [Entry] = try await appointments("/v1/office/fallback/appointments")
        for entry in entries where !done.contains(entry.servedKey) && entry.isCurrent {
            guard let appointment = entry.appointment, appointment.startsAt <= now else { continue }
            if absent.contains(appointment.id) { continue }
            // Who booked today for today is at the counter already; others may not come.
            let present = appointment.bookedAt.map { LocalDate($0, in: .wib) == LocalDate(now, in: .wib) } ?? false
            if appointment.status == "booked", !present, random.chance(noShowRate) {
                absent.insert(appointment.id)
                continue
            }
            try await serve(entry)
        }
    }
}
