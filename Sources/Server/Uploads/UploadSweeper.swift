import Foundation
import Logging
import Models
import ServiceLifecycle

/// Drops uploads nobody will use: partial uploads whose time ran out, and finished uploads
/// that no claim references after ``UploadLimits/unreferencedLifetimeSeconds``. A finished
/// upload found referenced is marked retained and never looked at again.
///
/// Runs as a `Service` every ``interval``; tests call ``sweep(now:)`` directly.
public struct UploadSweeper: Service {
    let uploads: UploadService
    let logger: Logger
    /// The clock that says which uploads expired and that the sweeps wait on.
    let clock: ServiceClock
    /// The time between sweeps.
    public var interval: Duration
    /// The most uploads one sweep looks at per kind.
    public var batchSize: Int

    /// A sweeper for the uploads of `uploads` (sharing its locks, so an upload receiving a
    /// chunk is never dropped under it).
    public init(
        uploads: UploadService,
        logger: Logger,
        clock: ServiceClock = .system,
        interval: Duration = .seconds(600),
        batchSize: Int = 500
    ) {
        self.uploads = uploads
        self.logger = logger
        self.clock = clock
        self.interval = interval
        self.batchSize = batchSize
    }

    /// What one sweep did.
    public struct Report: Hashable, Sendable {
        /// Partial uploads dropped because their time ran out.
        public var expiredPartial: Int = 0
        /// Finished uploads dropped because no claim referenced them.
        public var unreferenced: Int = 0
        /// Finished uploads found referenced and marked retained.
        public var retained: Int = 0

        public init(expiredPartial: Int = 0, unreferenced: Int = 0, retained: Int = 0) {
            self.expiredPartial = expiredPartial
            self.unreferenced = unreferenced
            self.retained = retained
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            for await now in clock.ticks(every: interval) {
                do {
                    let report = try await sweep(now: now)
                    if report != Report() {
                        logger.info(
                            "upload sweep",
                            metadata: [
                                "expiredPartial": "\(report.expiredPartial)", "unreferenced": "\(report.unreferenced)",
                                "retained": "\(report.retained)",
                            ]
                        )
                    }
                } catch {
                    logger.error("upload sweep failed", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                }
            }
        }
    }

    /// One sweep as of `now`.
    @discardableResult
    public func sweep(now: Date) async throws -> Report {
        var report = Report()
        let store = uploads.store
        for upload in try await store.expiredPartialUploads(before: now, limit: batchSize) {
            guard uploads.locks.acquire(upload.id) else { continue }  // A chunk is arriving: next time.
            defer { uploads.locks.release(upload.id) }
            try await uploads.drop(upload)
            report.expiredPartial += 1
        }
        let cutoff = now.addingTimeInterval(-TimeInterval(uploads.limits.unreferencedLifetimeSeconds))
        var references: [Participant.ID: DocumentReferences] = [:]
        for upload in try await store.unretainedUploads(finishedBefore: cutoff, limit: batchSize) {
            if references[upload.owner] == nil {
                references[upload.owner] = try await DocumentReferences.load(owner: upload.owner, store: store)
            }
            if references[upload.owner]?.contains(upload) == true {
                try await store.retain(uploadID: upload.id)
                report.retained += 1
            } else {
                try await uploads.drop(upload)
                report.unreferenced += 1
            }
        }
        return report
    }
}
