import Foundation
import Models
import PostgresNIO

// Resumable uploads. Each change is one statement: a conditional `UPDATE` that says by the rows
// it returns whether it applied.
extension PostgresStore {
    public func insert(upload: UploadRecord) async throws {
        let metadata = try sealing.encode(upload.metadata, for: .uploadMetadata)
        try await rows(
            """
            INSERT INTO upload (id, owner, length, received, metadata, format, sha256, verified, createdAt, expiresAt,
              completedAt, retained)
            VALUES (\(upload.id.uuidString), \(upload.owner.rawValue.uuidString), \(upload.length), \(upload.offset), \(metadata),
              \(upload.format?.rawValue), \(upload.sha256), \(upload.verified), \(upload.createdAt.timeIntervalSince1970),
              \(upload.expiresAt.timeIntervalSince1970), \(upload.completedAt?.timeIntervalSince1970), \(upload.retained))
            """
        )
    }

    public func upload(id: UUID) async throws -> UploadRecord? {
        try await rows("\(unescaped: Self.uploadColumns) WHERE id = \(id.uuidString)").first.map { [sealing] in
            try Self.upload(from: $0, sealing: sealing)
        }
    }

    public func uploads(owner: Participant.ID) async throws -> [UploadRecord] {
        try await rows("\(unescaped: Self.uploadColumns) WHERE owner = \(owner.rawValue.uuidString) ORDER BY createdAt, id")
            .map { [sealing] in try Self.upload(from: $0, sealing: sealing) }
    }

    public func openUploadCount(owner: Participant.ID) async throws -> Int {
        try await rows("SELECT COUNT(*) FROM upload WHERE owner = \(owner.rawValue.uuidString) AND completedAt IS NULL").first?
            .decode(Int.self) ?? 0
    }

    public func advance(uploadID: UUID, from expected: Int64, to offset: Int64, format: DocumentFormat?) async throws -> Bool {
        try await rows(
            """
            UPDATE upload SET received = \(offset), format = COALESCE(\(format?.rawValue), format)
            WHERE id = \(uploadID.uuidString) AND received = \(expected) AND completedAt IS NULL AND \(offset) <= length
            RETURNING id
            """
        ).count == 1
    }

    public func complete(
        uploadID: UUID,
        from expected: Int64,
        format: DocumentFormat,
        sha256: String,
        verified: Bool,
        at date: Date
    ) async throws -> Bool {
        try await rows(
            """
            UPDATE upload SET received = length, format = \(format.rawValue), sha256 = \(sha256), verified = \(verified),
              completedAt = \(date.timeIntervalSince1970)
            WHERE id = \(uploadID.uuidString) AND received = \(expected) AND completedAt IS NULL
            RETURNING id
            """
        ).count == 1
    }

    public func deleteUpload(id: UUID) async throws -> Bool {
        try await rows("DELETE FROM upload WHERE id = \(id.uuidString) RETURNING id").count == 1
    }

    public func expiredPartialUploads(before date: Date, limit: Int) async throws -> [UploadRecord] {
        try await rows(
            """
            \(unescaped: Self.uploadColumns) WHERE completedAt IS NULL AND expiresAt < \(date.timeIntervalSince1970)
            ORDER BY expiresAt, id LIMIT \(limit)
            """
        ).map { [sealing] in try Self.upload(from: $0, sealing: sealing) }
    }

    public func unretainedUploads(finishedBefore date: Date, limit: Int) async throws -> [UploadRecord] {
        try await rows(
            """
            \(unescaped: Self.uploadColumns) WHERE completedAt IS NOT NULL AND completedAt < \(date.timeIntervalSince1970)
              AND NOT retained
            ORDER BY completedAt, id LIMIT \(limit)
            """
        ).map { [sealing] in try Self.upload(from: $0, sealing: sealing) }
    }

    public func retain(uploadID: UUID) async throws {
        try await rows("UPDATE upload SET retained = true WHERE id = \(uploadID.uuidString) AND completedAt IS NOT NULL")
    }

    public func uploadCount(sha256: String) async throws -> Int {
        try await rows("SELECT COUNT(*) FROM upload WHERE sha256 = \(sha256)").first?.decode(Int.self) ?? 0
    }

    static let uploadColumns = """
        SELECT id, owner, length, received, metadata, format, sha256, verified, createdAt, expiresAt, completedAt, retained
        FROM upload
        """

    static func upload(from row: PostgresRow, sealing: Sealing) throws -> UploadRecord {
        let (id, owner, length, received, metadata, format, sha256, verified, createdAt, expiresAt, completedAt, retained) =
            try row.decode((String, String, Int64, Int64, Data, String?, String?, Bool, Double, Double, Double?, Bool).self)
        return UploadRecord(
            id: try StoredValue.uuid(id),
            owner: Participant.ID(try StoredValue.uuid(owner)),
            length: length,
            offset: received,
            metadata: try sealing.decode(UploadMetadata.self, from: metadata, for: .uploadMetadata),
            format: format.flatMap(DocumentFormat.init(rawValue:)),
            sha256: sha256,
            verified: verified,
            createdAt: Date(timeIntervalSince1970: createdAt),
            expiresAt: Date(timeIntervalSince1970: expiresAt),
            completedAt: completedAt.map(Date.init(timeIntervalSince1970:)),
            retained: retained
        )
    }
}
