import Foundation
import Models

extension ServerConfiguration {
    /// The clock this configuration asks for: simulated from ``simulatedClockStart`` when set,
    /// else the wall clock.
    public func clock() -> ServiceClock {
        simulatedClockStart.map { ServiceClock.simulated(startingAt: $0) } ?? .system
    }
}

extension ServiceClock {
    /// Reads an instant as an operator types it: RFC 3339 (`2026-03-16T07:00:00+07:00`), or a
    /// date (`2026-03-16`) meaning 07:00 WIB, when a branch opens.
    public static func instant(_ text: String) -> Date? {
        if let date = try? LocalDate(text) { return date.start(in: .wib).addingTimeInterval(7 * 3600) }
        return try? Date(text, strategy: .iso8601)
    }
}
