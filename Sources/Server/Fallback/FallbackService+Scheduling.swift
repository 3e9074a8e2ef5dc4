import Foundation
import Models

extension FallbackService {
    /// The places a request may take and the ones to offer when they are full. With `today`, a
    /// branch visit may also be booked for today while the branch is open (a counter check).
    func plan(_ request: BookingRequest, branchID: Branch.ID, today: Bool = false) async throws -> Plan {
        guard let branch = try await store.branch(id: branchID) else {
            throw Problem.validation([ValueError(code: "branch.unknown", field: "branchId", message: "There is no branch \(branchID).")])
        }
        let now = now()
        switch request.kind {
        case .branchVisit:
            if request.startsAt != nil {
                throw Problem.validation([
                    ValueError(
                        code: "appointment.startsAt",
                        field: "startsAt",
                        message: "A branch visit books a day; the arrival window follows the queue number."
                    )
                ])
            }
            let branchToday = LocalDate(now, in: branch.timeZone)
            let closes = branchToday.start(in: branch.timeZone).addingTimeInterval(TimeInterval(branch.closesAtMinute * 60))
            if !(today && request.date == branchToday && calendar.isWorkingDay(branchToday) && now < closes) {
                try Self.check { () throws(FallbackError) in
                    try policy.checkBookable(request.date, at: now, in: branch.timeZone, calendar: calendar)
                }
            }
            let place = { (date: LocalDate) in
                AppointmentPlace(kind: .branchVisit, branchID: branch.id, date: date, capacity: branch.dailyJHTQuota)
            }
            let later = policy.laterWorkingDays(after: request.date, at: now, in: branch.timeZone, calendar: calendar)
            return Plan(branch: branch, reservation: ReservationRequest(places: [place(request.date)], alternatives: later.map(place)))
        case .videoCall:
            let zone = AppointmentPolicy.videoTimeZone
            try Self.check { () throws(FallbackError) in try policy.checkBookable(request.date, at: now, in: zone, calendar: calendar) }
            let slots = { (date: LocalDate) in
                policy.videoSlots(on: date).map {
                    AppointmentPlace(
                        kind: .videoCall,
                        branchID: branch.id,
                        date: date,
                        slotStart: $0.start,
                        capacity: policy.videoOfficersPerSlot
                    )
                }
            }
            let later = policy.laterWorkingDays(after: request.date, at: now, in: zone, calendar: calendar).flatMap(slots)
            let day = slots(request.date)
            guard let start = request.startsAt else {
                return Plan(branch: branch, reservation: ReservationRequest(places: day, alternatives: later))
            }
            let slot = try Self.check { () throws(FallbackError) in try policy.videoSlot(startingAt: start) }
            guard slot.date == request.date, let index = day.firstIndex(where: { $0.slotStart == start }) else {
                throw Problem.validation([
                    ValueError(code: "appointment.startsAt", field: "startsAt", message: "startsAt falls on another day than date (WIB).")
                ])
            }
            return Plan(
                branch: branch,
                reservation: ReservationRequest(places: [day[index]], alternatives: Array(day[(index + 1)...]) + later)
            )
        }
    }

    /// Whether an appointment is the one `request` asks for.
    static func matches(_ appointment: Appointment, _ request: BookingRequest, branchID: Branch.ID) -> Bool {
        appointment.kind == request.kind && appointment.branchID == branchID && appointment.date == request.date
            && (request.startsAt == nil || request.startsAt == appointment.startsAt)
    }

    /// Runs a scheduling rule, turning its refusal into a problem.
    static func check<T>(_ body: () throws(FallbackError) -> T) throws(Problem) -> T {
        do { return try body() } catch { throw Problem(fallback: error) }
    }

    /// Applies a ticket event, turning a refusal into a problem.
    static func apply(_ event: FallbackTicket.Event, to ticket: FallbackTicket) throws(Problem) -> FallbackTicket {
        do { return try ticket.applying(event) } catch { throw Problem(fallback: error) }
    }
}
