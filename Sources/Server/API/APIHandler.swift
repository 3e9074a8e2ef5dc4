import APITypes
import Foundation
import Logging
import Models
import Prometheus

/// Implements the generated `APIProtocol`: each operation lives in an `APIHandler+Area.swift`
/// file. Handlers throw ``Problem`` for anything the caller must fix.
struct APIHandler: APIProtocol {
    let store: any Store
    let signIn: SignInService
    let sync: SyncService
    let office: ClaimOffice
    let fallback: FallbackService
    let uploads: UploadService
    let ledger: LedgerService
    let documents: DocumentAccess
    let configuration: ServerConfiguration
    let metrics: PrometheusCollectorRegistry
    let logger: Logger
    /// The service's one clock (a simulated one can be advanced through the operations route).
    let clock: ServiceClock

    /// The clock's current reading.
    var now: @Sendable () -> Date { clock.reader }

    /// Today's date where the participant's branch is (WIB when unknown).
    func today(in zone: IndonesianTimeZone = .wib) -> LocalDate { LocalDate(now(), in: zone) }
}

extension DeviceID {
    /// Validates a device id from a request: 8 to 64 characters of `A-Z a-z 0-9 . _ -`.
    static func validated(_ text: String) throws(ValueError) -> DeviceID {
        let allowed = text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
        guard (8...64).contains(text.count), allowed else {
            throw ValueError(
                code: "deviceId.format",
                field: "deviceId",
                message: "A device id has 8 to 64 letters, digits, dots, dashes or underscores."
            )
        }
        return DeviceID(text)
    }
}
