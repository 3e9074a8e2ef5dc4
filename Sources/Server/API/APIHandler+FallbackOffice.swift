import APITypes
import Foundation
import HTTPTypes
import Models

// Officers' side of fallback tickets: the day's appointments, check-in, identity decision, no-show.
extension APIHandler {
    func listFallbackAppointments(
        _ input: Operations.ListFallbackAppointments.Input
    ) async throws -> Operations.ListFallbackAppointments.Output {
        let officer = try Principal.requireOfficer()
        var date: LocalDate?
        if let text = input.query.date {
            do { date = try LocalDate(text) } catch { throw Problem.validation([error]) }
        }
        return .ok(.init(body: .json(try WireBridge.convert(try await fallback.appointments(for: officer, on: date)))))
    }

    func getOfficeFallbackTicket(
        _ input: Operations.GetOfficeFallbackTicket.Input
    ) async throws -> Operations.GetOfficeFallbackTicket.Output {
        let officer = try Principal.requireOfficer()
        let entry = try await fallback.officeTicket(try Self.ticketID(input.path.ticketId), for: officer)
        return .ok(.init(body: .json(try WireBridge.convert(entry))))
    }

    func checkInFallbackTicket(_ input: Operations.CheckInFallbackTicket.Input) async throws -> Operations.CheckInFallbackTicket.Output {
        let officer = try Principal.requireOfficer()
        let entry = try await fallback.checkIn(try Self.ticketID(input.path.ticketId), by: officer)
        return .ok(.init(body: .json(try WireBridge.convert(entry))))
    }

    func decideFallbackTicket(_ input: Operations.DecideFallbackTicket.Input) async throws -> Operations.DecideFallbackTicket.Output {
        let officer = try Principal.requireOfficer()
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let decision = try await fallback.decide(
            try Self.ticketID(input.path.ticketId),
            verified: body.outcome == .verified,
            reason: body.reason,
            by: officer
        )
        return .ok(.init(body: .json(try WireBridge.convert(decision))))
    }

    func markFallbackNoShow(_ input: Operations.MarkFallbackNoShow.Input) async throws -> Operations.MarkFallbackNoShow.Output {
        let officer = try Principal.requireOfficer()
        let entry = try await fallback.markNoShow(try Self.ticketID(input.path.ticketId), by: officer)
        return .ok(.init(body: .json(try WireBridge.convert(entry))))
    }
}
