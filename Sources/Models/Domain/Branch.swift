/// A BPJS Ketenagakerjaan branch office.
public struct Branch: Codable, Hashable, Sendable, Identifiable {
    /// The branch's code, for example `BDG-SUCI`.
    public var id: ID
    /// The office's name.
    public var name: String
    /// The city it is in.
    public var city: String
    /// The branch's time zone (WIB, WITA or WIT), in which its SLA days count.
    public var timeZone: IndonesianTimeZone
    /// JHT claims served per day; Makassar caps at 100 (DOMAIN.md, "Who and what").
    public var dailyJHTQuota: Int
    /// Counter hours, local time, as minutes of the day.
    public var opensAtMinute: Int
    /// When the office closes, in minutes after local midnight.
    public var closesAtMinute: Int

    /// A branch with every field given.
    public init(
        id: ID,
        name: String,
        city: String,
        timeZone: IndonesianTimeZone,
        dailyJHTQuota: Int = 100,
        opensAtMinute: Int = 8 * 60,
        closesAtMinute: Int = 15 * 60
    ) {
        self.id = id
        self.name = name
        self.city = city
        self.timeZone = timeZone
        self.dailyJHTQuota = dailyJHTQuota
        self.opensAtMinute = opensAtMinute
        self.closesAtMinute = closesAtMinute
    }
}
