import Foundation
import Models
import Server
import Sync
import Synchronization
import Testing

/// The appointment book against every store: quotas under concurrency, queue order, and each
/// change committed together with the participant's bucket or not at all.
@Suite("Appointment store contract")
struct AppointmentStoreContractTests {
    let now = Date(timeIntervalSince1970: 1_797_818_400)  // 2026-12-21T02:00:00Z
    let day = try! LocalDate("2026-12-22")
    let nextDay = try! LocalDate("2026-12-23")

    func place(_ date: LocalDate, capacity: Int = 100) -> AppointmentPlace {
        AppointmentPlace(kind: .branchVisit, branchID: "BDG-SUCI", date: date, capacity: capacity)
    }

    enum Booking: Sendable {
        case booked(Appointment)
        case full(nextFree: AppointmentPlace?)
    }

    /// Books the first of `places` with room for a participant (a fresh one by default), in one
    /// bucket transaction, as the fallback service does: the appointment record goes into their
    /// own bucket, and `replacing` (rescheduling) is cancelled and frees its place.
    func reserve(
        _ store: any Store,
        _ places: [AppointmentPlace],
        alternatives: [AppointmentPlace] = [],
        replacing: Appointment? = nil,
        participant: Participant.ID = .init(UUID()),
        at time: @escaping @Sendable () -> Date
    ) async throws -> Booking {
        let bucket = BucketID.participant(participant.rawValue.uuidString)
        return try await store.transact(BucketRequest(bucket: bucket, places: places + alternatives)) { state in
            func hasRoom(_ held: BucketState.PlaceState) -> Bool {
                held.occupied - (replacing.map(held.place.isHeld(by:)) == true ? 1 : 0) < held.place.capacity
            }
            guard let chosen = state.places.prefix(places.count).first(where: hasRoom) else {
                let next = state.places.dropFirst(places.count).first(where: hasRoom)?.place
                return BucketDecision(BucketChanges(), .full(nextFree: next))
            }
            let place = chosen.place
            let appointment = Appointment(
                id: .init(UUID()),
                ticketID: .init(UUID()),
                participantID: participant,
                kind: place.kind,
                branchID: place.branchID,
                date: place.date,
                startsAt: place.date.start(in: .wib).addingTimeInterval(8 * 3600),
                endsAt: place.date.start(in: .wib).addingTimeInterval(8.5 * 3600),
                queueNumber: chosen.nextQueueNumber,
                bookedAt: time()
            )
            let record = try SyncRecord.make(appointment, clock: HLCTimestamp(millis: 1, counter: 0, node: "test"), tag: "t")
            var changes = BucketChanges(writes: [record], bookings: [(appointment, place)])
            if let replacing { changes.appointmentStatuses[replacing.id] = .cancelled }
            return BucketDecision(changes, .booked(appointment))
        }.value
    }

    /// 95 of 100 places are taken; 1,000 participants ask for the last five at once.
    @Test(arguments: StoreFactory.allCases)
    func aThousandConcurrentBookingsForTheLastPlacesNeverOverbook(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let tick = Tick()
        for _ in 0..<95 {
            guard case .booked = try await reserve(store, [place(day)], alternatives: [place(nextDay)], at: { tick.next() }) else {
                Issue.record("the first 95 fit")
                return
            }
        }
        let outcomes = try await withThrowingTaskGroup(of: Booking.self) { group in
            for _ in 0..<1000 {
                group.addTask { try await reserve(store, [place(day)], alternatives: [place(nextDay)], at: { tick.next() }) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var booked: [Appointment] = []
        var offered: [AppointmentPlace?] = []
        for outcome in outcomes {
            switch outcome {
            case .booked(let appointment): booked.append(appointment)
            case .full(let next): offered.append(next)
            }
        }
        #expect(booked.count == 5, "exactly the last five places")
        #expect(offered.count == 995)
        #expect(offered.allSatisfy { $0 == place(nextDay) }, "the rest are offered the next free day")
        #expect(try await store.occupancy(of: [place(day), place(nextDay)]) == [100, 0])

        let all = try await store.appointments(branchID: "BDG-SUCI", on: day)
        #expect(all.map(\.queueNumber) == Array(1...100), "one number each, in order, none shared")
        #expect(Set(booked.map(\.queueNumber)) == Set(96...100))
        #expect(all.map(\.bookedAt) == all.map(\.bookedAt).sorted(), "queue numbers follow booking time")
    }

    @Test(arguments: StoreFactory.allCases)
    func reschedulingFreesTheOldPlaceInTheSameTransaction(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let participant = Participant.ID(UUID())
        guard case .booked(let first) = try await reserve(store, [place(day, capacity: 1)], participant: participant, at: { now }) else {
            Issue.record("the day has room")
            return
        }
        let moved = try await reserve(store, [place(nextDay, capacity: 1)], replacing: first, participant: participant, at: { now })
        guard case .booked(let second) = moved else {
            Issue.record("the next day has room: \(moved)")
            return
        }
        #expect(second.queueNumber == 1)
        #expect(try await store.appointment(id: first.id)?.status == .cancelled)
        #expect(try await store.occupancy(of: [place(day), place(nextDay)]) == [0, 1])

        // Moving within the place it holds: its own booking counts as free.
        guard
            case .booked(let third) = try await reserve(
                store,
                [place(nextDay, capacity: 1)],
                replacing: second,
                participant: participant,
                at: { now }
            )
        else {
            Issue.record("the place it holds is free to it")
            return
        }
        #expect(third.queueNumber == 2, "queue numbers are never reused")
        #expect(try await store.occupancy(of: [place(nextDay)]) == [1])

        // A full day leaves the booking to be replaced where it was.
        _ = try await reserve(store, [place(day, capacity: 1)], at: { now })
        let refused = try await reserve(store, [place(day, capacity: 1)], replacing: third, participant: participant, at: { now })
        guard case .full(.none) = refused else {
            Issue.record("expected full, got \(refused)")
            return
        }
        #expect(try await store.appointment(id: third.id)?.status == .booked)
    }

    @Test(arguments: StoreFactory.allCases)
    func aDecisionThatRefusesWritesNothing(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        struct Refused: Error {}
        let appointment = Appointment(
            id: .init(UUID()),
            ticketID: .init(UUID()),
            participantID: .init(UUID()),
            kind: .branchVisit,
            branchID: "BDG-SUCI",
            date: day,
            startsAt: now,
            endsAt: now.addingTimeInterval(1800),
            queueNumber: 1,
            bookedAt: now
        )
        let record = try SyncRecord.make(appointment, clock: HLCTimestamp(millis: 1, counter: 0, node: "test"), tag: "t")
        let bucket = BucketID.participant(appointment.participantID.rawValue.uuidString)
        await #expect(throws: Refused.self) {
            _ = try await store.transact(BucketRequest(bucket: bucket, places: [place(day)])) { _ -> BucketDecision<Void> in
                _ = BucketChanges(writes: [record], bookings: [(appointment, place(day))])
                throw Refused()
            }
        }
        #expect(try await store.occupancy(of: [place(day)]) == [0])
        #expect(try await store.appointments(branchID: "BDG-SUCI", on: day).isEmpty)
        #expect(try await store.heads(of: [bucket])[bucket]?.version == 0, "no change-log entry either")
    }

    @Test(arguments: StoreFactory.allCases)
    func statusChangesCommitWithTheBucketAndFreeThePlace(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let participant = Participant.ID(UUID())
        let bucket = BucketID.participant(participant.rawValue.uuidString)
        guard case .booked(let appointment) = try await reserve(store, [place(day)], participant: participant, at: { now }) else {
            Issue.record("the day has room")
            return
        }
        var missed = appointment
        missed.status = .noShow
        let record = try SyncRecord.make(missed, clock: HLCTimestamp(millis: 2, counter: 0, node: "test"), tag: "u")
        #expect(
            try await store.bookedAppointments(endingBefore: appointment.endsAt.addingTimeInterval(1), limit: 10).map(\.id) == [
                appointment.id
            ]
        )
        #expect(try await store.bookedAppointments(endingBefore: appointment.endsAt, limit: 10).isEmpty)
        let loaded = try await store.transact(BucketRequest(bucket: bucket, appointments: [appointment.id])) { state in
            BucketDecision(BucketChanges(writes: [record], appointmentStatuses: [appointment.id: .noShow]), state.appointments)
        }
        #expect(loaded.value == [appointment.id: appointment], "the decision saw the appointment as it was")
        #expect(try await store.appointment(id: appointment.id)?.status == .noShow)
        #expect(try await store.occupancy(of: [place(day)]) == [0], "a missed appointment frees its place")
        #expect(try await store.snapshot(of: bucket).records[record.key]?["status"] == "noShow")
        #expect(try await store.bookedAppointments(endingBefore: appointment.endsAt.addingTimeInterval(1), limit: 10).isEmpty)
    }
}

/// Booking times that only go forward, one second per call (read inside each transaction).
private final class Tick: Sendable {
    private let count = Mutex(0)

    func next() -> Date {
        count.withLock { value in
            value += 1
            return Date(timeIntervalSince1970: 1_797_818_400 + Double(value))
        }
    }
}
