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

    /// Books for a fresh participant: the appointment record goes into their own bucket.
    func reserve(
        _ store: any Store,
        _ request: ReservationRequest,
        participant: Participant.ID = .init(UUID()),
        expectedVersion: Int64 = 0,
        at time: @escaping @Sendable () -> Date
    ) async throws -> ReservationOutcome {
        try await store.reserve(request) { place, queueNumber in
            let appointment = Appointment(
                id: .init(UUID()),
                ticketID: .init(UUID()),
                participantID: participant,
                kind: place.kind,
                branchID: place.branchID,
                date: place.date,
                startsAt: place.date.start(in: .wib).addingTimeInterval(8 * 3600),
                endsAt: place.date.start(in: .wib).addingTimeInterval(8.5 * 3600),
                queueNumber: queueNumber,
                bookedAt: time()
            )
            let record = try SyncRecord.make(appointment, clock: HLCTimestamp(millis: 1, counter: 0, node: "test"), tag: "t")
            return ReservationRecords(
                appointment: appointment,
                commit: BucketCommit(
                    bucket: .participant(participant.rawValue.uuidString),
                    expectedVersion: expectedVersion,
                    device: nil,
                    writes: [record],
                    results: []
                )
            )
        }
    }

    /// 95 of 100 places are taken; 1,000 participants ask for the last five at once.
    @Test(arguments: StoreFactory.allCases)
    func aThousandConcurrentBookingsForTheLastPlacesNeverOverbook(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let request = ReservationRequest(places: [place(day)], alternatives: [place(nextDay)])
        let tick = Tick()
        for _ in 0..<95 {
            guard case .booked = try await reserve(store, request, at: { tick.next() }) else {
                Issue.record("the first 95 fit")
                return
            }
        }
        let outcomes = try await withThrowingTaskGroup(of: ReservationOutcome.self) { group in
            for _ in 0..<1000 { group.addTask { try await reserve(store, request, at: { tick.next() }) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        var booked: [Appointment] = []
        var offered: [AppointmentPlace?] = []
        for outcome in outcomes {
            switch outcome {
            case .booked(let appointment, _): booked.append(appointment)
            case .full(let next): offered.append(next)
            case .conflict: Issue.record("no bucket is shared, so no conflict")
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
        guard
            case .booked(let first, _) = try await reserve(
                store,
                ReservationRequest(places: [place(day, capacity: 1)]),
                participant: participant,
                at: { now }
            )
        else {
            Issue.record("the day has room")
            return
        }
        let version = try await store.snapshot(of: .participant(participant.rawValue.uuidString)).version
        let moved = try await reserve(
            store,
            ReservationRequest(places: [place(nextDay, capacity: 1)], replacing: first.id),
            participant: participant,
            expectedVersion: version,
            at: { now }
        )
        guard case .booked(let second, _) = moved else {
            Issue.record("the next day has room: \(moved)")
            return
        }
        #expect(second.queueNumber == 1)
        #expect(try await store.appointment(id: first.id)?.status == .cancelled)
        #expect(try await store.occupancy(of: [place(day), place(nextDay)]) == [0, 1])

        // Replacing an appointment that is no longer booked changes nothing.
        let stale = try await reserve(
            store,
            ReservationRequest(places: [place(day)], replacing: first.id),
            participant: participant,
            at: { now }
        )
        guard case .conflict = stale else {
            Issue.record("expected a conflict, got \(stale)")
            return
        }
        #expect(try await store.occupancy(of: [place(day)]) == [0])

        // A full day leaves the booking to be replaced where it was.
        _ = try await reserve(store, ReservationRequest(places: [place(day, capacity: 1)]), at: { now })
        let version2 = try await store.snapshot(of: .participant(participant.rawValue.uuidString)).version
        let refused = try await reserve(
            store,
            ReservationRequest(places: [place(day, capacity: 1)], replacing: second.id),
            participant: participant,
            expectedVersion: version2,
            at: { now }
        )
        guard case .full(.none) = refused else {
            Issue.record("expected full, got \(refused)")
            return
        }
        #expect(try await store.appointment(id: second.id)?.status == .booked)
    }

    @Test(arguments: StoreFactory.allCases)
    func aBucketThatMovedOrARecordingThatFailsWritesNothing(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let moved = try await reserve(store, ReservationRequest(places: [place(day)]), expectedVersion: 7, at: { now })
        guard case .conflict = moved else {
            Issue.record("expected a conflict, got \(moved)")
            return
        }
        struct Refused: Error {}
        await #expect(throws: Refused.self) {
            _ = try await store.reserve(ReservationRequest(places: [place(day)])) { _, _ in throw Refused() }
        }
        #expect(try await store.occupancy(of: [place(day)]) == [0])
        #expect(try await store.appointments(branchID: "BDG-SUCI", on: day).isEmpty)
        #expect(try await store.currentCursor() == 0, "no change-log entry either")
    }

    @Test(arguments: StoreFactory.allCases)
    func statusChangesCommitWithTheBucketAndFreeThePlace(_ factory: StoreFactory) async throws {
        let store = try await factory.make()
        let participant = Participant.ID(UUID())
        let bucket = BucketID.participant(participant.rawValue.uuidString)
        guard
            case .booked(let appointment, _) = try await reserve(
                store,
                ReservationRequest(places: [place(day)]),
                participant: participant,
                at: { now }
            )
        else {
            Issue.record("the day has room")
            return
        }
        let version = try await store.snapshot(of: bucket).version
        var missed = appointment
        missed.status = .noShow
        let record = try SyncRecord.make(missed, clock: HLCTimestamp(millis: 2, counter: 0, node: "test"), tag: "u")
        let commit = BucketCommit(bucket: bucket, expectedVersion: version, device: nil, writes: [record], results: [])
        #expect(try await store.updateAppointment(appointment.id, from: [.checkedIn], to: .noShow, commit: commit) == .conflict)
        #expect(try await store.appointment(id: appointment.id)?.status == .booked, "wrong starting status: nothing written")
        let stale = BucketCommit(bucket: bucket, expectedVersion: version - 1, device: nil, writes: [record], results: [])
        #expect(try await store.updateAppointment(appointment.id, from: [.booked], to: .noShow, commit: stale) == .conflict)
        #expect(try await store.appointment(id: appointment.id)?.status == .booked, "moved bucket: nothing written")

        #expect(
            try await store.bookedAppointments(endingBefore: appointment.endsAt.addingTimeInterval(1), limit: 10).map(\.id) == [
                appointment.id
            ]
        )
        #expect(try await store.bookedAppointments(endingBefore: appointment.endsAt, limit: 10).isEmpty)

        guard case .committed = try await store.updateAppointment(appointment.id, from: [.booked], to: .noShow, commit: commit) else {
            Issue.record("the change commits")
            return
        }
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
