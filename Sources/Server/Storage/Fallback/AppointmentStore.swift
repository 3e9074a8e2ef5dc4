import Foundation
import Models
import Sync

/// A place to book: one branch's day of JHT visits, or one video-call slot of a branch.
public struct AppointmentPlace: Hashable, Sendable {
    public var kind: Appointment.Kind
    public var branchID: Branch.ID
    /// The local date: the branch's for a visit, WIB for a video call.
    public var date: LocalDate
    /// The slot's start for a video call; `nil` for a branch visit, which books into the day's queue.
    public var slotStart: Date?
    /// Bookings the place holds at most (the daily quota, or officers per video slot).
    public var capacity: Int

    public init(kind: Appointment.Kind, branchID: Branch.ID, date: LocalDate, slotStart: Date? = nil, capacity: Int) {
        self.kind = kind
        self.branchID = branchID
        self.date = date
        self.slotStart = slotStart
        self.capacity = capacity
    }
}

/// A booking the store is asked to make.
public struct ReservationRequest: Sendable {
    /// Places the participant accepts, in order of preference; the first with room is booked.
    public var places: [AppointmentPlace]
    /// Places offered instead when every one of `places` is full, in order.
    public var alternatives: [AppointmentPlace]
    /// The ticket's booked appointment this one replaces (rescheduling): it is cancelled in
    /// the same transaction, and its place counts as free while looking for room.
    public var replacing: Appointment.ID?

    public init(places: [AppointmentPlace], alternatives: [AppointmentPlace] = [], replacing: Appointment.ID? = nil) {
        self.places = places
        self.alternatives = alternatives
        self.replacing = replacing
    }
}

/// What the caller writes beside a reserved place: the appointment with its queue number, and
/// the participant's bucket changes that show it on the phone.
public struct ReservationRecords: Sendable {
    public var appointment: Appointment
    public var commit: BucketCommit

    public init(appointment: Appointment, commit: BucketCommit) {
        self.appointment = appointment
        self.commit = commit
    }
}

public enum ReservationOutcome: Sendable {
    /// Booked; the change-log position after the bucket commit.
    case booked(Appointment, cursor: Int64)
    /// Every requested place is full; the first alternative with room, if any.
    case full(nextFree: AppointmentPlace?)
    /// The bucket moved, or the replaced appointment is no longer booked: nothing was
    /// written; the caller re-reads and tries again.
    case conflict
}

/// Fallback appointments across all participants: the one place where a branch's daily quota
/// and a video slot's capacity are counted, so bookings from every participant's phone share
/// them fairly.
///
/// Each write commits together with the participant's bucket change that shows it (a
/// ``BucketCommit``), in one transaction: the phone never sees a booking the quota does not
/// hold, and the quota never holds one the phone does not see. Active appointments
/// (booked, checked in, completed) occupy their place; cancelled and missed ones free it.
/// Queue numbers are given per kind, branch and day in booking order and never reused.
public protocol AppointmentStore: Sendable {
    /// Books the first of `request.places` with room, in one transaction: cancels
    /// `request.replacing`, takes the place's next queue number, asks `recording` for the
    /// appointment and the bucket commit that shows it, and writes both. Nothing is written
    /// when every place is full, the bucket moved, or `recording` throws.
    func reserve(
        _ request: ReservationRequest,
        recording: @escaping @Sendable (_ place: AppointmentPlace, _ queueNumber: Int) throws -> ReservationRecords
    ) async throws -> ReservationOutcome

    /// Moves an appointment from one of `from` to `to` and commits `commit` with it, in one
    /// transaction; ``CommitOutcome/conflict`` and nothing written when the appointment is no
    /// longer in `from` or the bucket moved.
    func updateAppointment(
        _ id: Appointment.ID,
        from: Set<Appointment.Status>,
        to: Appointment.Status,
        commit: BucketCommit
    ) async throws -> CommitOutcome

    func appointment(id: Appointment.ID) async throws -> Appointment?

    /// A branch's appointments of `date` (both kinds, every status), by kind then queue number.
    func appointments(branchID: Branch.ID, on date: LocalDate) async throws -> [Appointment]

    /// How many active appointments each place holds, in the order of `places`.
    func occupancy(of places: [AppointmentPlace]) async throws -> [Int]

    /// Booked appointments (never checked in) whose slot ended before `date`, oldest first.
    func bookedAppointments(endingBefore date: Date, limit: Int) async throws -> [Appointment]
}

extension Appointment.Status {
    /// Statuses that occupy a place; cancelled and missed appointments free theirs.
    static let occupying: [Appointment.Status] = [.booked, .checkedIn, .completed]
}

extension Date {
    /// Appointment times are whole minutes; stores keep them as whole seconds so slots compare exactly.
    var storedSeconds: Int64 { Int64(timeIntervalSince1970.rounded()) }
}
