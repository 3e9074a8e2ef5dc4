import Foundation
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
    var done: Set<String> = []

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
        }
        var ticket: Ticket
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
                for entry in entries where !done.contains(entry.ticket.id) {
                    try await serve(entry.ticket)
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

    mutating func serve(_ ticket: Entry.Ticket) async throws {
        let path = "/v1/office/fallback/tickets/\(ticket.id)"
        if ticket.status == "booked" {
            let response = try await context.http.send(.POST, "\(path)/check-in", family: "fallback office", token: token)
            guard response.status == 200 else {
                done.insert(ticket.id)
                return
            }
            context.metrics.fallback { $0.checkedIn += 1 }
        } else if ticket.status != "checkedIn" {
            done.insert(ticket.id)
            return
        }
        let verified = random.chance(0.9)
        let decision: [String: String] =
            verified ? ["outcome": "verified"] : ["outcome": "rejected", "reason": "The face does not match the ID card"]
        let started = Date()
        let response = try await context.http.send(
            .POST,
            "\(path)/decision",
            family: "fallback office",
            token: token,
            body: try WireCoding.encoder.encode(decision)
        )
        done.insert(ticket.id)
        if response.status == 200, verified {
            context.metrics.fallback { $0.verified += 1 }
            if let claim = UUID(uuidString: ticket.claimID) { context.metrics.officerSet(claim: claim, status: "submitted", at: started) }
        }
    }
}
