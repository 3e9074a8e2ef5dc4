/// How fallback appointments are scheduled: branch visits fill a branch's daily JHT quota
/// in booking order, video calls (Lapak Asik style) fill slots of fixed length, each with
/// room for as many participants as officers are on video duty.
///
/// Every value is configuration. Sources: DOMAIN.md, "What the real app does" (Lapak Asik:
/// Mon-Fri 06:00-17:00 WIB, not on holidays; scans sent at least one day before) and
/// "Channels" (e-Klaim online queue: files verified first, then a scheduled queue number).
/// Slot lengths, officers per slot, the horizon and the no-show grace are not published and
/// are set here as reasonable defaults.
public struct AppointmentPolicy: Codable, Hashable, Sendable {
    /// Branch visits: the counter hours are cut into arrival windows of this many minutes.
    public var branchSlotMinutes: Int
    /// Video calls: service hours in WIB, as minutes of the day (06:00-17:00).
    public var videoOpensAtMinute: Int
    /// When the last video call ends, in minutes after local midnight (17:00 WIB).
    public var videoClosesAtMinute: Int
    /// Video calls: the length of one interview slot.
    public var videoSlotMinutes: Int
    /// Video calls: officers on video duty per slot and branch (participants per slot).
    public var videoOfficersPerSlot: Int
    /// Bookings name a day at least this many days after today (documents are checked the
    /// day before).
    public var leadDays: Int
    /// Bookings name a day at most this many working days after today.
    public var horizonWorkingDays: Int
    /// A booked appointment not checked in this many minutes after its slot ended is missed.
    public var noShowAfterMinutes: Int
    /// How often the server looks for missed appointments.
    public var sweepIntervalSeconds: Int

    /// Video calls are held in WIB whatever the participant's branch (DOMAIN.md, Lapak Asik).
    public static let videoTimeZone = IndonesianTimeZone.wib

    /// A policy; the defaults follow Lapak Asik's hours and the branch's daily quota.
    public init(
        branchSlotMinutes: Int = 30,
        videoOpensAtMinute: Int = 6 * 60,
        videoClosesAtMinute: Int = 17 * 60,
        videoSlotMinutes: Int = 30,
        videoOfficersPerSlot: Int = 2,
        leadDays: Int = 1,
        horizonWorkingDays: Int = 20,
        noShowAfterMinutes: Int = 60,
        sweepIntervalSeconds: Int = 60
    ) {
        self.branchSlotMinutes = branchSlotMinutes
        self.videoOpensAtMinute = videoOpensAtMinute
        self.videoClosesAtMinute = videoClosesAtMinute
        self.videoSlotMinutes = videoSlotMinutes
        self.videoOfficersPerSlot = videoOfficersPerSlot
        self.leadDays = leadDays
        self.horizonWorkingDays = horizonWorkingDays
        self.noShowAfterMinutes = noShowAfterMinutes
        self.sweepIntervalSeconds = sweepIntervalSeconds
    }
}
