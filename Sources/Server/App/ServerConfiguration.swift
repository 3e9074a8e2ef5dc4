import Foundation
import Models
import Sync

/// Everything an operator can set. Defaults give a working demo with no set-up.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The SQLite file (its folder is created if missing), or a `postgres://user@host:port/database`
    /// URL for a PostgreSQL database that several processes share (see ``DatabaseLocation``).
    public var databasePath: String
    /// Demo mode: seed demo branches, participants and officers into an empty store, and use
    /// the fixed sign-in code ``DemoCodeSender/demoCode``.
    public var demo: Bool
    /// The claim rules (ceilings and their dates, tax table, ages).
    public var rules: ClaimRules
    /// The working-day calendar (built-in 2025-2026 plus any holiday file).
    public var calendar: WorkingDayCalendar
    public var sla: SLAPolicy
    public var biometric: BiometricPolicy
    public var uploads: UploadLimits
    /// SLA notices and problem updates to participants.
    public var office: OfficeSettings
    /// Fallback appointments: slot lengths, video-call hours and officers, booking horizon.
    public var appointments: AppointmentPolicy
    /// The folder of the default blob store (document bytes, content-addressed).
    public var blobsPath: String
    /// Demo mode only: how many synthetic Bandung Suci members (``DemoPopulation``) to seed
    /// besides the named demo people, for the simulator and load runs.
    public var demoPopulation: Int = 0
    /// Demo mode only: run on a simulated clock standing at this instant, advanced through
    /// `POST /v1/operations/clock` (or by the simulator in process) instead of the wall clock.
    public var simulatedClockStart: Date?
    /// How long idle connections and slow request bodies are waited for.
    public var timeouts = RequestTimeouts()
    /// The signing key file (``SigningKeyFile``); `nil`: beside a SQLite database
    /// (`data/jht-sync.keys` for `data/jht-sync.sqlite`), or `data/jht-sync.keys` for PostgreSQL.
    /// `JHT_SIGNING_KEYS` in the environment (the file's JSON) takes precedence over any file.
    public var signingKeysPath: String?
    /// One-time codes: lifetimes, lock-outs, limits per client address.
    public var signIn = SignInService.Limits()
    /// Addresses of reverse proxies whose `X-Forwarded-For` names the client (the limits per
    /// client address would otherwise count every client behind a proxy as one).
    public var trustedProxies: Set<String> = []

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        databasePath: String = "data/jht-sync.sqlite",
        demo: Bool = true,
        rules: ClaimRules = .standard,
        calendar: WorkingDayCalendar = .indonesia,
        sla: SLAPolicy = .standard,
        biometric: BiometricPolicy = BiometricPolicy(),
        uploads: UploadLimits = UploadLimits(),
        office: OfficeSettings = OfficeSettings(),
        appointments: AppointmentPolicy = AppointmentPolicy(),
        blobsPath: String = "data/blobs"
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.demo = demo
        self.rules = rules
        self.calendar = calendar
        self.sla = sla
        self.biometric = biometric
        self.uploads = uploads
        self.office = office
        self.appointments = appointments
        self.blobsPath = blobsPath
    }
}

/// What a phone is told before it uploads anything, so no upload fails on a limit the
/// participant did not know about.
public struct UploadLimits: Sendable, Codable, Hashable {
    /// The largest document accepted, in bytes.
    public var maxBytes: Int64
    /// Content types recognised by their content: JPEG, PNG, PDF.
    public var allowedContentTypes: [String]

    /// How long a partial upload may wait to be finished before it is dropped (announced as
    /// `Upload-Expires`).
    public var partialLifetimeSeconds: Int = 24 * 3600
    /// How long a finished upload that no claim references is kept.
    public var unreferencedLifetimeSeconds: Int = 30 * 24 * 3600
    /// How many unfinished uploads one participant may have at a time.
    public var maxOpenUploads: Int = 20

    public init(maxBytes: Int64 = 10 * 1024 * 1024, allowedContentTypes: [String] = ["image/jpeg", "image/png", "application/pdf"]) {
        self.maxBytes = maxBytes
        self.allowedContentTypes = allowedContentTypes
    }
}

/// Loads the optional JSON files an operator edits without a release.
public enum ConfigurationFiles {
    /// Reads a ``ClaimRules`` JSON file (every field required, see `config/rules.example.json`).
    public static func rules(at path: String) throws -> ClaimRules {
        try decode(ClaimRules.self, at: path)
    }

    /// Applies a ``HolidayCalendarFile`` to the built-in calendar.
    public static func calendar(at path: String, base: WorkingDayCalendar = .indonesia) throws -> WorkingDayCalendar {
        try decode(HolidayCalendarFile.self, at: path).applied(to: base)
    }

    static func decode<T: Decodable>(_ type: T.Type, at path: String) throws -> T {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        do {
            return try JSONCoding.decoder.decode(T.self, from: data)
        } catch {
            throw ConfigurationError(message: "\(path) is not a valid \(T.self) file: \(error)")
        }
    }
}

/// A configuration file or value that cannot be used; the message says which and why.
public struct ConfigurationError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
