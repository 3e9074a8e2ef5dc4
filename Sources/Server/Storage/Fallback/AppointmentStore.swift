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

extension AppointmentPlace {
    /// Whether `appointment` holds a booking here (an active one of this kind and branch, on
    /// this day or in this slot).
    public func isHeld(by appointment: Appointment) -> Bool {
        guard Appointment.Status.occupying.contains(appointment.status), appointment.kind == kind, appointment.branchID == branchID
        else { return false }
        if let slotStart { return appointment.startsAt == slotStart }
        return appointment.date == date
    }
}

/// Where a booking may go.
public struct ReservationRequest: Sendable {
    /// Places the participant accepts, in order of preference; the first with room is booked.
    public var places: [AppointmentPlace]
    /// Places offered instead when every one of `places` is full, in order.
    public var alternatives: [AppointmentPlace]

    public init(places: [AppointmentPlace], alternatives: [AppointmentPlace] = []) {
        self.places = places
        self.alternatives = alternatives
    }
}

/// Fallback appointments across all participants: the one place where a branch's daily quota
/// and a video slot's capacity are counted, so bookings from every participant's phone share
/// them fairly.
///
/// Bookings and status changes are written by bucket transactions (``BucketChanges``) together
/// with the participant's bucket change that shows them: the phone never sees a booking the
/// quota does not hold, and the quota never holds one the phone does not see. Active appointments
/// (booked, checked in, completed) occupy their place; cancelled and missed ones free it.
/// Queue numbers are given per kind, branch and day in booking order and never reused.
public protocol AppointmentStore: Sendable {
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
