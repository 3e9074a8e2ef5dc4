import Foundation

/// A national identity number (Nomor Induk Kependudukan): 16 digits.
///
/// Layout (DOMAIN.md, "Data formats"): 6 digits of region (province, regency, district),
/// `DD` day of birth (plus 40 for women), `MM` month, `YY` year, and a 4-digit serial that
/// is never `0000`. There is no checksum, so a valid shape is not proof of identity: the
/// civil registry confirms it.
///
/// The full number is sensitive. ``description`` prints a masked form, so interpolating
/// a NIK into a log line never leaks it; use ``rawValue`` only where the full number is
/// needed.
public struct NIK: ValidatedString {
    /// The 16 digits.
    public let rawValue: String

    /// Validates and wraps a NIK. Spaces and dots that people type are ignored.
    public init(_ text: String) throws(ValueError) {
        let digits = text.filter { $0 != " " && $0 != "." && $0 != "-" }
        func fail(_ code: String, _ message: String) -> ValueError {
            ValueError(code: "nik.\(code)", field: "nik", message: message)
        }
        guard digits.isASCIIDigits else {
            throw fail("digits", "A NIK contains digits only.")
        }
        guard digits.count == 16 else {
            throw fail("length", "A NIK has 16 digits; this one has \(digits.count).")
        }
        let d = Array(digits).map { Int(String($0))! }
        let province = d[0] * 10 + d[1]
        guard province >= 11, province <= 96 else {
            throw fail("region", "The first two digits of a NIK are a province code from 11 to 96.")
        }
        guard d[2] * 10 + d[3] > 0, d[4] * 10 + d[5] > 0 else {
            throw fail("region", "Digits 3 to 6 of a NIK are a regency and district code and cannot be 00.")
        }
        let dayField = d[6] * 10 + d[7]
        let day = dayField > 40 ? dayField - 40 : dayField
        guard (1...31).contains(day) else {
            throw fail("day", "Digits 7 and 8 of a NIK are the day of birth (plus 40 for women): 01-31 or 41-71.")
        }
        let month = d[8] * 10 + d[9]
        guard (1...12).contains(month) else {
            throw fail("month", "Digits 9 and 10 of a NIK are the month of birth, 01 to 12.")
        }
        let twoDigitYear = d[10] * 10 + d[11]
        let serial = d[12...15].reduce(0) { $0 * 10 + $1 }
        guard serial != 0 else {
            throw fail("serial", "The last four digits of a NIK are a serial number and cannot be 0000.")
        }
        guard
            LocalDate.isValid(year: 2000 + twoDigitYear, month: month, day: day)
                || LocalDate.isValid(year: 1900 + twoDigitYear, month: month, day: day)
        else {
            throw fail("day", "The birth date in this NIK does not exist (day \(day) of month \(month)).")
        }
        self.rawValue = digits
    }

    /// The region code: the first six digits.
    public var regionCode: String { String(rawValue.prefix(6)) }

    /// The sex encoded in the day field (women have 40 added to the day).
    public var sex: Sex { dayField > 40 ? .female : .male }

    /// The date of birth, resolving the two-digit year against a reference date:
    /// the latest century that puts the birth on or before `reference`.
    public func birthDate(relativeTo reference: LocalDate) -> LocalDate {
        let yy = Int(rawValue.dropFirst(10).prefix(2))!
        let month = Int(rawValue.dropFirst(8).prefix(2))!
        let day = dayField > 40 ? dayField - 40 : dayField
        var year = (reference.year / 100) * 100 + yy
        // Compare the whole date, not just the year: a birthday later in the reference year
        // belongs to the previous century. Loop, since 29 February may skip a century (1900).
        while year > reference.year || !LocalDate.isValid(year: year, month: month, day: day)
            || LocalDate(year: year, month: month, day: day) > reference
        {
            year -= 100
        }
        return LocalDate(year: year, month: month, day: day)
    }

    /// A masked form safe for logs and receipts: the region's province and the last two digits.
    public var masked: String { String(rawValue.prefix(2)) + String(repeating: "*", count: 12) + String(rawValue.suffix(2)) }

    /// The masked number, safe for logs.
    public var description: String { masked }

    private var dayField: Int { Int(rawValue.dropFirst(6).prefix(2))! }
}

/// Sex as recorded in the civil registry (and encoded in the NIK).
public enum Sex: String, Codable, Hashable, Sendable, CaseIterable {
    case male
    case female
}
