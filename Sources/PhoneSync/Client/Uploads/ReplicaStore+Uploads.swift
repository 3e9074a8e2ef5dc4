import Foundation
import GRDB
import Models
import Sync

extension ReplicaStore {
    /// Queues a document for upload and, in the same transaction, appends its
    /// `attachDocument` mutation to the outbox, held until the upload completes.
    ///
    /// The mutation takes its place in the outbox now, so it keeps its order: a claim
    /// submitted after its documents were taken is pushed after they are attached. The local
    /// view shows the document on the claim at once. The limits are checked here, before any
    /// byte leaves the phone.
    ///
    /// - Parameters:
    ///   - bytes: the file.
    ///   - kind: what the document is.
    ///   - claim: the claim it is for (it must exist locally).
    ///   - filename: the file's name as the participant knows it.
    ///   - maxBytes: the size limit announced by the server (`GET /v1/config`).
    ///   - id: the document's id (inject one for a deterministic simulator).
    /// - Throws: a `Rejection` (`document.tooLarge` naming the limit, `document.type`,
    ///   `document.selfieNotPhoto`, `claim.notFound`); then nothing is stored.
    @discardableResult
    public func queueDocument(
        _ bytes: Data,
        kind: DocumentKind,
        for claim: RecordKey,
        filename: String? = nil,
        maxBytes: Int64,
        id: UUID = UUID()
    ) throws -> QueuedUpload {
        guard !bytes.isEmpty else { throw Rejection(code: "document.empty", message: "The file is empty.") }
        guard Int64(bytes.count) <= maxBytes else {
            throw Rejection(
                code: "document.tooLarge",
                message: "A document may be at most \(Self.megabytes(maxBytes)); this file is \(Self.megabytes(Int64(bytes.count))).",
                fields: ["document"]
            )
        }
        guard case .recognised(let format) = DocumentFormat.recognise(bytes, isWholeFile: true) else {
            throw Rejection(code: "document.type", message: "Documents are JPEG or PNG photos or PDF files.", fields: ["document"])
        }
        if kind == .selfie, !format.isImage {
            throw Rejection(code: "document.selfieNotPhoto", message: "A selfie is a photo (JPEG or PNG).", fields: ["document"])
        }
        let upload = QueuedUpload(
            id: id,
            claim: claim,
            kind: kind,
            format: format,
            byteCount: Int64(bytes.count),
            sha256: DocumentDigest.sha256Hex(bytes),
            filename: filename
        )
        try writer.write { db in
            guard let current = try localView(claim, db), !current.deleted, claim.type == Claim.syncSchema.type else {
                throw Rejection(code: "claim.notFound", message: "Start the claim before adding documents to it.")
            }
            try db.execute(
                sql: """
                    INSERT INTO upload (id, claimType, claimID, kind, format, byteCount, sha256, filename, bytes, state, queuedAtMillis)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'waiting', ?)
                    """,
                arguments: [
                    id.uuidString, claim.type, claim.id, kind.rawValue, format.rawValue, upload.byteCount, upload.sha256, filename, bytes,
                    wallClock(),
                ]
            )
            var meta = try ReplicaMeta.require(db)
            var clock = meta.hybridLogicalClock
            let stamp = clock.tick(physicalMillis: wallClock())
            let mutation = Mutation(
                deviceID: deviceID,
                counter: meta.nextCounter,
                clock: stamp,
                record: claim,
                operation: .intent(Intent(name: .attachDocument, arguments: upload.attachArguments))
            )
            try Self.insert(mutation, state: .pending, db)
            try db.execute(sql: "UPDATE outbox SET heldFor = ? WHERE counter = ?", arguments: [id.uuidString, mutation.counter])
            meta.nextCounter += 1
            meta.clock = stamp
            try meta.save(db)
        }
        return upload
    }

    /// Every queued document, in queue order (waiting, complete and failed).
    public func queuedUploads() throws -> [QueuedUpload] {
        try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM upload ORDER BY queuedAtMillis, rowid").map(Self.queuedUpload(from:))
        }
    }

    /// One queued document.
    public func queuedUpload(id: UUID) throws -> QueuedUpload? {
        try writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ?", arguments: [id.uuidString]).map(Self.queuedUpload(from:))
        }
    }

    /// Bytes `offset ..< offset + length` of a waiting document.
    func uploadBytes(id: UUID, offset: Int64, length: Int) throws -> [UInt8] {
        try writer.read { db in
            let data = try Data.fetchOne(
                db,
                sql: "SELECT substr(bytes, ?, ?) FROM upload WHERE id = ? AND state = 'waiting'",
                arguments: [offset + 1, length, id.uuidString]
            )
            guard let data, data.count == length else {
                throw Rejection(code: "upload.bytesMissing", message: "The queued file is missing.")
            }
            return Array(data)
        }
    }

    /// Records the upload's URL (or its loss) and the offset the server confirmed.
    func recordUploadProgress(id: UUID, location: String?, offset: Int64) throws {
        try writer.write { db in
            try db.execute(
                sql: "UPDATE upload SET location = ?, confirmedOffset = ? WHERE id = ? AND state = 'waiting'",
                arguments: [location, offset, id.uuidString]
            )
        }
    }

    /// The upload is complete on the server: in one transaction the held attach mutation gets
    /// the `uploadID` and is released to be pushed, and the queued bytes are dropped.
    func releaseUpload(id: UUID, uploadID: UUID) throws {
        try writer.write { db in
            let rows = try Row.fetchAll(db, sql: "SELECT counter, mutation FROM outbox WHERE heldFor = ?", arguments: [id.uuidString])
            for row in rows {
                var mutation = try ReplicaCoding.decode(Mutation.self, from: row["mutation"])
                if case .intent(let intent) = mutation.operation, case .attachDocument(var arguments)? = try? IntentCall(intent) {
                    arguments.uploadID = uploadID
                    mutation.operation = .intent(IntentCall.attachDocument(arguments).intent)
                }
                try db.execute(
                    sql: "UPDATE outbox SET mutation = ?, heldFor = NULL WHERE counter = ?",
                    arguments: [try ReplicaCoding.encode(mutation), row["counter"] as Int64]
                )
            }
            try db.execute(
                sql: """
                    UPDATE upload SET state = 'complete', uploadID = ?, confirmedOffset = byteCount, bytes = NULL
                    WHERE id = ? AND state = 'waiting'
                    """,
                arguments: [uploadID.uuidString, id.uuidString]
            )
        }
    }

    /// The server refused the file for good: in one transaction the held attach mutation
    /// leaves the outbox (the later entries, never sent, close the gap), the reason is stored
    /// as a rejection of the claim, and the upload is marked failed.
    func dropUpload(id: UUID, rejection: Rejection) throws {
        try writer.write { db in
            var meta = try ReplicaMeta.require(db)
            let held = try Self.outboxEntries(
                db,
                sql: "SELECT mutation, state FROM outbox WHERE heldFor = ? ORDER BY counter",
                arguments: [id.uuidString]
            )
            for entry in held.reversed() {
                let mutation = entry.mutation
                try db.execute(sql: "DELETE FROM outbox WHERE counter = ?", arguments: [mutation.counter])
                let later = try Self.outboxEntries(
                    db,
                    sql: "SELECT mutation, state FROM outbox WHERE counter > ? ORDER BY counter",
                    arguments: [mutation.counter]
                )
                for next in later {
                    var moved = next.mutation
                    moved.counter -= 1
                    try db.execute(
                        sql: "UPDATE outbox SET counter = ?, mutation = ? WHERE counter = ?",
                        arguments: [moved.counter, try ReplicaCoding.encode(moved), next.mutation.counter]
                    )
                }
                meta.nextCounter -= 1
                try db.execute(
                    sql: """
                        INSERT INTO rejection (recordType, recordID, mutation, rejection, serverRecord, acknowledged, receivedAtMillis)
                        VALUES (?, ?, ?, ?, NULL, 0, ?)
                        """,
                    arguments: [
                        mutation.record.type, mutation.record.id, try ReplicaCoding.encode(mutation), try ReplicaCoding.encode(rejection),
                        wallClock(),
                    ]
                )
            }
            try meta.save(db)
            try db.execute(
                sql: "UPDATE upload SET state = 'failed', failure = ?, bytes = NULL WHERE id = ? AND state = 'waiting'",
                arguments: [try ReplicaCoding.encode(rejection), id.uuidString]
            )
        }
    }

    /// How many outbox entries can be pushed now: those before the first one held for an
    /// upload.
    public func sendableCount() throws -> Int {
        try writer.read { db in try Self.sendableCount(db) }
    }

    static func sendableCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE counter < \(firstHeldCounter)") ?? 0
    }

    /// SQL for the counter of the first held entry (or the largest counter if none is held).
    static let firstHeldCounter = "COALESCE((SELECT MIN(counter) FROM outbox WHERE heldFor IS NOT NULL), 9223372036854775807)"

    static func queuedUpload(from row: Row) throws -> QueuedUpload {
        guard let id = UUID(uuidString: row["id"]), let kind = DocumentKind(rawValue: row["kind"]),
            let format = DocumentFormat(rawValue: row["format"])
        else { throw DatabaseError(message: "a queued upload row is malformed") }
        let state: QueuedUpload.State
        switch row["state"] as String {
        case "complete":
            guard let uploadID = UUID(uuidString: row["uploadID"] ?? "") else {
                throw DatabaseError(message: "a complete upload has no id")
            }
            state = .complete(uploadID: uploadID)
        case "failed":
            state = .failed(try ReplicaCoding.decode(Rejection.self, from: row["failure"] ?? "{}"))
        default:
            state = .waiting
        }
        return QueuedUpload(
            id: id,
            claim: RecordKey(type: row["claimType"], id: row["claimID"]),
            kind: kind,
            format: format,
            byteCount: row["byteCount"],
            sha256: row["sha256"],
            filename: row["filename"],
            location: row["location"],
            confirmedOffset: row["confirmedOffset"],
            state: state
        )
    }

    static func megabytes(_ bytes: Int64) -> String {
        let value = Double(bytes) / 1_048_576
        return value == value.rounded() ? "\(Int64(value)) MB" : String(format: "%.1f MB", value)
    }
}

extension QueuedUpload {
    /// The arguments of its `attachDocument` intent (the `uploadID` joins them when the
    /// upload completes): what the phone knows of the file, which the server checks.
    var attachArguments: [String: JSONValue] {
        [
            "documentID": .string(id.uuidString),
            "kind": .string(kind.rawValue),
            "sha256": .string(sha256),
            "byteCount": .int(byteCount),
            "contentType": .string(format.mediaType),
        ]
    }
}
