/// Why a fallback ticket or appointment step was refused. Each case has a stable code.
public enum FallbackError: Error, Hashable, Sendable {
    /// The ticket's state does not allow the step.
    case invalidTransition(from: FallbackTicket.Status, event: String)
    /// The step carries bad data (an empty reason).
    case invalidInput(String)
    /// The date is a weekend, a national holiday or collective leave.
    case dayOff(LocalDate, name: String?, nextWorkingDay: LocalDate)
    /// The date is earlier than bookings open (documents are checked the day before).
    case tooSoon(earliest: LocalDate)
    /// The date is later than the booking horizon.
    case tooFar(latest: LocalDate)
    /// The time is not the start of a video-call slot within the service hours.
    case outsideHours(String)

    /// A stable code for problem responses.
    public var code: String {
        switch self {
        case .invalidTransition: "ticket.invalidTransition"
        case .invalidInput: "fallback.invalidInput"
        case .dayOff: "appointment.dayOff"
        case .tooSoon: "appointment.tooSoon"
        case .tooFar: "appointment.tooFar"
        case .outsideHours: "appointment.outsideHours"
        }
    }

    /// A plain-language explanation.
    public var message: String {
        switch self {
        case .invalidTransition(let from, let event):
            "A ticket that is \(from.rawValue) cannot take '\(event)'."
        case .invalidInput(let text):
            text
        case .dayOff(let date, let name, let next):
            "\(date) is not a working day\(name.map { " (\($0))" } ?? ""). The next working day is \(next)."
        case .tooSoon(let earliest):
            "Appointments can be booked from \(earliest); the documents are checked the day before."
        case .tooFar(let latest):
            "Appointments can be booked up to \(latest)."
        case .outsideHours(let text):
            text
        }
    }
}
