import Foundation
import Models

/// Small helpers for the server-rendered staff pages.
enum HTML {
    /// Escapes text for HTML content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A share as a whole percentage, or an en dash when there is nothing to divide.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "–" }
        return "\(Int((value * 100).rounded()))%"
    }

    /// A number with at most one decimal, or an en dash.
    static func number(_ value: Double?) -> String {
        guard let value else { return "–" }
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? "\(Int(rounded))" : String(format: "%.1f", rounded)
    }

    /// A date as officers read it: `Tue 24 Nov`.
    static func shortDate(_ date: LocalDate) -> String {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        return "\(days[date.weekday.rawValue - 1]) \(date.day) \(months[date.month - 1])"
    }

    /// An instant in the branch's time zone: `Tue 24 Nov 14:05 WIB`.
    static func dateTime(_ instant: Date, zone: IndonesianTimeZone) -> String {
        let minute = zone.minuteOfDay(instant)
        let time = String(format: "%02d:%02d", minute / 60, minute % 60)
        return "\(shortDate(LocalDate(instant, in: zone))) \(time) \(zone.abbreviation)"
    }

    /// The shared page frame: viewport for phones, one stylesheet, no scripts.
    static func page(title: String, body: String, refreshSeconds: Int? = nil) -> String {
        """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        \(refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? "")
        <title>\(escape(title))</title>
        <style>\(StaffStyle.css)</style>
        </head>
        <body>
        \(body)
        </body>
        </html>
        """
    }
}
