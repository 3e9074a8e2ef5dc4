import Foundation
import Models

extension FallbackService {
    /// Free places per bookable working day.
    struct Availability: Encodable, Sendable {
        struct Slot: Encodable, Sendable {
            var startsAt: Date
            var endsAt: Date
            var capacity: Int
            var free: Int
        }

        struct Day: Encodable, Sendable {
            var date: LocalDate
            var capacity: Int
            var booked: Int
            var free: Int
            var slots: [Slot]?
        }

        var kind: Appointment.Kind
        var branchId: Branch.ID
        var timeZone: IndonesianTimeZone
        var days: [Day]
    }

    /// Free places at a branch (the participant's own when `branchID` is `nil`) on up to
    /// `days` bookable working days from `from`.
    func availability(
        kind: Appointment.Kind,
        branchID: Branch.ID?,
        from: LocalDate?,
        days: Int,
        for participant: Participant.ID
    ) async throws -> Availability {
        guard (1...31).contains(days) else {
            throw Problem.validation([ValueError(code: "days.range", field: "days", message: "days is 1 to 31.")])
        }
        guard let account = try await store.account(id: participant) else { throw Problem.unauthenticated }
        let id = branchID ?? account.participant.branchID
        guard let branch = try await store.branch(id: id) else {
            throw Problem.validation([ValueError(code: "branch.unknown", field: "branchId", message: "There is no branch \(id).")])
        }
        let zone = kind == .branchVisit ? branch.timeZone : AppointmentPolicy.videoTimeZone
        let range = policy.bookableDays(at: now(), in: zone, calendar: calendar)
        let first = max(from ?? range.lowerBound, range.lowerBound)
        let dates = Array(
            ([first] + policy.laterWorkingDays(after: first, at: now(), in: zone, calendar: calendar)).filter(calendar.isWorkingDay).prefix(
                days
            )
        )
        var result: [Availability.Day] = []
        switch kind {
        case .branchVisit:
            let places = dates.map { AppointmentPlace(kind: .branchVisit, branchID: branch.id, date: $0, capacity: branch.dailyJHTQuota) }
            for (place, booked) in zip(places, try await store.occupancy(of: places)) {
                result.append(.init(date: place.date, capacity: place.capacity, booked: booked, free: max(0, place.capacity - booked)))
            }
        case .videoCall:
            for date in dates where date <= range.upperBound {
                let slots = policy.videoSlots(on: date)
                let places = slots.map {
                    AppointmentPlace(
                        kind: .videoCall,
                        branchID: branch.id,
                        date: date,
                        slotStart: $0.start,
                        capacity: policy.videoOfficersPerSlot
                    )
                }
                let booked = try await store.occupancy(of: places)
                let capacity = places.count * policy.videoOfficersPerSlot
                result.append(
                    .init(
                        date: date,
                        capacity: capacity,
                        booked: booked.reduce(0, +),
                        free: max(0, capacity - booked.reduce(0, +)),
                        slots: zip(slots, booked).map {
                            .init(
                                startsAt: $0.start,
                                endsAt: $0.end,
                                capacity: policy.videoOfficersPerSlot,
                                free: max(0, policy.videoOfficersPerSlot - $1)
                            )
                        }
                    )
                )
            }
        }
        return Availability(kind: kind, branchId: branch.id, timeZone: zone, days: result.filter { $0.date <= range.upperBound })
    }
}
