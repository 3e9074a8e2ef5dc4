import Foundation

/// Indonesia's three time zones. None observes daylight saving (DOMAIN.md, "Data formats"),
/// so a fixed offset is exact and needs no time-zone database.
public enum IndonesianTimeZone: String, Codable, Hashable, Sendable, CaseIterable {
    /// Waktu Indonesia Barat, UTC+7 (Jakarta, Bandung).
    case wib = "Asia/Jakarta"
    /// Waktu Indonesia Tengah, UTC+8 (Makassar, Bali).
    case wita = "Asia/Makassar"
    /// Waktu Indonesia Timur, UTC+9 (Jayapura).
    case wit = "Asia/Jayapura"

    /// The IANA identifier, for example `Asia/Jakarta`.
    public var identifier: String { rawValue }

    /// The abbreviation people read: WIB, WITA or WIT.
    public var abbreviation: String {
        switch self {
        case .wib: "WIB"
        case .wita: "WITA"
        case .wit: "WIT"
        }
    }

    /// The offset from UTC in seconds.
    public var secondsFromUTC: Int {
        switch self {
        case .wib: 7 * 3600
        case .wita: 8 * 3600
        case .wit: 9 * 3600
        }
    }

    /// A Foundation time zone with the same fixed offset.
    public var timeZone: TimeZone { TimeZone(secondsFromGMT: secondsFromUTC)! }

    /// The local wall-clock minute of the day (0..<1440) at `instant`.
    public func minuteOfDay(_ instant: Date) -> Int {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + secondsFromUTC
        return ((seconds % 86_400 + 86_400) % 86_400) / 60
    }
}
