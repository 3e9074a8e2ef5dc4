/// A BPJS Ketenagakerjaan branch office.
public struct Branch: Codable, Hashable, Sendable, Identifiable {
    public var id: ID
    public var name: String
    public var city: String
    public var timeZone: IndonesianTimeZone
    /// JHT claims served per day; Makassar caps at 100 (DOMAIN.md, "Who and what").
    public var dailyJHTQuota: Int
    /// Counter hours, local time, as minutes of the day.
    public var opensAtMinute: Int
    public var closesAtMinute: Int

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
