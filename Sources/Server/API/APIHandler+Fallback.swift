import APITypes
import Foundation
import HTTPTypes
import Hummingbird
import Models

// Participants' fallback tickets: list, book, reschedule, cancel, availability.
extension APIHandler {
    func listFallbackTickets(_ input: Operations.ListFallbackTickets.Input) async throws -> Operations.ListFallbackTickets.Output {
        let participant = try Principal.requireParticipant()
        return .ok(.init(body: .json(try WireBridge.convert(try await fallback.tickets(of: participant)))))
    }

    func getFallbackTicket(_ input: Operations.GetFallbackTicket.Input) async throws -> Operations.GetFallbackTicket.Output {
        let participant = try Principal.requireParticipant()
        let context = try await fallback.context(of: try Self.ticketID(input.path.ticketId), participant: participant)
        return .ok(.init(body: .json(try WireBridge.convert(context.view))))
    }

    func bookFallbackAppointment(
        _ input: Operations.BookFallbackAppointment.Input
    ) async throws -> Operations.BookFallbackAppointment.Output {
        let participant = try Principal.requireParticipant()
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let (view, created) = try await fallback.book(
            try Self.bookingRequest(body),
            ticketID: try Self.ticketID(input.path.ticketId),
            for: participant,
            rescheduling: false
        )
        let wire: Components.Schemas.FallbackTicketView = try WireBridge.convert(view)
        return created ? .created(.init(body: .json(wire))) : .ok(.init(body: .json(wire)))
    }

    func rescheduleFallbackAppointment(
        _ input: Operations.RescheduleFallbackAppointment.Input
    ) async throws -> Operations.RescheduleFallbackAppointment.Output {
        let participant = try Principal.requireParticipant()
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let (view, _) = try await fallback.book(
            try Self.bookingRequest(body),
            ticketID: try Self.ticketID(input.path.ticketId),
            for: participant,
            rescheduling: true
        )
        return .ok(.init(body: .json(try WireBridge.convert(view))))
    }

    func cancelFallbackAppointment(
        _ input: Operations.CancelFallbackAppointment.Input
    ) async throws -> Operations.CancelFallbackAppointment.Output {
        let participant = try Principal.requireParticipant()
        let view = try await fallback.cancel(ticketID: try Self.ticketID(input.path.ticketId), for: participant)
        return .ok(.init(body: .json(try WireBridge.convert(view))))
    }

    func getFallbackAvailability(
        _ input: Operations.GetFallbackAvailability.Input
    ) async throws -> Operations.GetFallbackAvailability.Output {
        let participant = try Principal.requireParticipant()
        let kind: Appointment.Kind = try WireBridge.convert(input.query.kind)
        var from: LocalDate?
        if let text = input.query.from {
            do { from = try LocalDate(text) } catch {
                throw Problem.validation([ValueError(code: error.code, field: "from", message: error.message)])
            }
        }
        let availability = try await fallback.availability(
            kind: kind,
            branchID: input.query.branchId.map { Branch.ID($0) },
            from: from,
            days: input.query.days ?? 10,
            for: participant
        )
        return .ok(.init(body: .json(try WireBridge.convert(availability))))
    }

    /// A ticket id from a path: a UUID.
    static func ticketID(_ text: String) throws(Problem) -> FallbackTicket.ID {
        guard let uuid = UUID(uuidString: text) else {
            throw Problem.validation([ValueError(code: "ticket.id", field: "ticketId", message: "A ticket id is a UUID.")])
        }
        return FallbackTicket.ID(uuid)
    }

    /// The booking a request body asks for, with the values checked.
    static func bookingRequest(_ body: Components.Schemas.BookingRequest) throws -> FallbackService.BookingRequest {
        struct Wire: Decodable {
            var kind: Appointment.Kind
            var branchId: String?
            var date: LocalDate
            var startsAt: Date?
        }
        let wire: Wire
        do {
            wire = try WireBridge.convert(body)
        } catch {
            if let valueError = ProblemMiddleware<BasicRequestContext>.findValueError(error) { throw Problem.validation([valueError]) }
            throw Problem(
                status: .badRequest,
                code: "request.invalid",
                title: "The booking is not valid",
                detail: WireBridge.describe(error)
            )
        }
        return .init(kind: wire.kind, branchID: wire.branchId.map { Branch.ID($0) }, date: wire.date, startsAt: wire.startsAt)
    }
}
