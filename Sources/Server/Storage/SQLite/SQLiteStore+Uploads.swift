import Foundation
import GRDB
import Models

// Resumable uploads.
extension SQLiteStore {
    public func insert(upload: UploadRecord) async throws {
        let metadata = try sealing.encode(upload.metadata, for: .uploadMetadata)
        try await writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO upload (id, owner, length, received, metadata, format, sha256, verified, createdAt, expiresAt,
                      completedAt, retained)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    upload.id.uuidString, upload.owner.rawValue.uuidString, upload.length, upload.offset,
                    metadata, upload.format?.rawValue, upload.sha256, upload.verified,
                    upload.createdAt.timeIntervalSince1970, upload.expiresAt.timeIntervalSince1970,
                    upload.completedAt?.timeIntervalSince1970, upload.retained,
                ]
            )
        }
    }

    public func upload(id: UUID) async throws -> UploadRecord? {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM upload WHERE id = ?", arguments: [id.uuidString]).map {
                try Self.upload(from: $0, sealing: sealing)
            }
        }
    }

    public func uploads(owner: Participant.ID) async throws -> [UploadRecord] {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM upload WHERE owner = ? ORDER BY createdAt, id",
                arguments: [owner.rawValue.uuidString]
            ).map { try Self.upload(from: $0, sealing: sealing) }
        }
    }

    public func openUploadCount(owner: Participant.ID) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT COUNT(*) FROM upload WHERE owner = ? AND completedAt IS NULL",
                arguments: [owner.rawValue.uuidString]
            ) ?? 0
        }
    }

    public func advance(uploadID: UUID, from expected: Int64, to offset: Int64, format: DocumentFormat?) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE upload SET received = ?, format = COALESCE(?, format)
                    WHERE id = ? AND received = ? AND completedAt IS NULL AND ? <= length
                    """,
                arguments: [offset, format?.rawValue, uploadID.uuidString, expected, offset]
            )
            return db.changesCount == 1
        }
    }

    public func complete(
        uploadID: UUID,
        from expected: Int64,
        format: DocumentFormat,
        sha256: String,
        verified: Bool,
        at date: Date
    ) async throws -> Bool {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE upload SET received = length, format = ?, sha256 = ?, verified = ?, completedAt = ?
                    WHERE id = ? AND received = ? AND completedAt IS NULL
                    """,
                arguments: [format.rawValue, sha256, verified, date.timeIntervalSince1970, uploadID.uuidString, expected]
            )
            return db.changesCount == 1
        }
    }

    public func deleteUpload(id: UUID) async throws -> Bool {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM upload WHERE id = ?", arguments: [id.uuidString])
            return db.changesCount == 1
        }
    }

    public func expiredPartialUploads(before date: Date, limit: Int) async throws -> [UploadRecord] {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT * FROM upload WHERE completedAt IS NULL AND expiresAt < ? ORDER BY expiresAt, id LIMIT ?",
                arguments: [date.timeIntervalSince1970, limit]
            ).map { try Self.upload(from: $0, sealing: sealing) }
        }
    }

    public func unretainedUploads(finishedBefore date: Date, limit: Int) async throws -> [UploadRecord] {
        let sealing = sealing
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT * FROM upload WHERE completedAt IS NOT NULL AND completedAt < ? AND NOT retained ORDER BY completedAt, id LIMIT ?",
                arguments: [date.timeIntervalSince1970, limit]
            ).map { try Self.upload(from: $0, sealing: sealing) }
        }
    }

    public func retain(uploadID: UUID) async throws {
        try await writer.write { db in
            try db.execute(
                sql: "UPDATE upload SET retained = 1 WHERE id = ? AND completedAt IS NOT NULL",
                arguments: [uploadID.uuidString]
            )
        }
    }

    public func uploadCount(sha256: String) async throws -> Int {
        try await writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM upload WHERE sha256 = ?", arguments: [sha256]) ?? 0
        }
    }

    static func upload(from row: Row, sealing: Sealing) throws -> UploadRecord {
        guard let id = UUID(uuidString: row["id"]), let owner = UUID(uuidString: row["owner"]) else {
            throw DatabaseError(message: "an upload row has a malformed id")
        }
        let format: String? = row["format"]
        let completedAt: Double? = row["completedAt"]
        return UploadRecord(
            id: id,
            owner: Participant.ID(owner),
            length: row["length"],
            offset: row["received"],
            metadata: try sealing.decode(UploadMetadata.self, from: row["metadata"], for: .uploadMetadata),
            format: format.flatMap(DocumentFormat.init(rawValue:)),
            sha256: row["sha256"],
            verified: row["verified"],
            createdAt: Date(timeIntervalSince1970: row["createdAt"]),
            expiresAt: Date(timeIntervalSince1970: row["expiresAt"]),
            completedAt: completedAt.map(Date.init(timeIntervalSince1970:)),
            retained: row["retained"]
        )
    }
}
