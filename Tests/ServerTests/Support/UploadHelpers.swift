import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import PhoneSync
import Server
import Sync
import Testing

/// Files for upload tests: a format's signature, then seeded pseudo-random bytes.
enum SampleFile {
    static func make(_ format: DocumentFormat, size: Int, seed: UInt64 = 1) -> [UInt8] {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        var bytes = format.signature
        while bytes.count < size {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            bytes.append(UInt8(truncatingIfNeeded: state >> 33))
        }
        return Array(bytes.prefix(size))
    }

    static func sha256(_ bytes: [UInt8]) -> String { DocumentDigest.sha256Hex(bytes) }
}

/// `Upload-Metadata` as tus encodes it.
func tusMetadata(_ pairs: [String: String]) -> String {
    pairs.sorted { $0.key < $1.key }.map { "\($0.key) \(Data($0.value.utf8).base64EncodedString())" }.joined(separator: ",")
}

extension HTTPField.Name {
    static let tusResumable = HTTPField.Name("Tus-Resumable")!
    static let uploadLength = HTTPField.Name("Upload-Length")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    static let uploadChecksum = HTTPField.Name("Upload-Checksum")!
}

extension HTTPFields {
    /// The headers of a tus request, signed in when a token is given.
    static func tus(_ token: String?) -> HTTPFields {
        var fields: HTTPFields = [.tusResumable: "1.0.0"]
        if let token { fields[.authorization] = "Bearer \(token)" }
        return fields
    }
}

extension TestClientProtocol {
    /// `POST /v1/uploads`.
    func createUpload(token: String?, length: Int, metadata: [String: String] = [:]) async throws -> TestResponse {
        var headers = HTTPFields.tus(token)
        headers[.uploadLength] = String(length)
        if !metadata.isEmpty { headers[.uploadMetadata] = tusMetadata(metadata) }
        return try await executeRequest(uri: "/v1/uploads", method: .post, headers: headers, body: nil)
    }

    /// `PATCH` bytes at an offset.
    func patchUpload(_ location: String, offset: Int, bytes: [UInt8], token: String?, checksum: String? = nil) async throws -> TestResponse
    {
        var headers = HTTPFields.tus(token)
        headers[.contentType] = "application/offset+octet-stream"
        headers[.uploadOffset] = String(offset)
        if let checksum { headers[.uploadChecksum] = checksum }
        return try await executeRequest(uri: location, method: .patch, headers: headers, body: ByteBuffer(bytes: bytes))
    }

    /// `HEAD` an upload.
    func headUpload(_ location: String, token: String?) async throws -> TestResponse {
        try await executeRequest(uri: location, method: .head, headers: .tus(token), body: nil)
    }

    /// Uploads a whole file in one PATCH (announcing its SHA-256 unless told not to) and
    /// returns the upload's location.
    func uploadDocument(
        _ bytes: [UInt8],
        kind: DocumentKind,
        claimID: UUID? = nil,
        token: String,
        declareSHA256: Bool = true
    ) async throws -> String {
        var metadata = ["kind": kind.rawValue, "filename": "\(kind.rawValue).bin"]
        if let claimID { metadata["claimID"] = claimID.uuidString }
        if declareSHA256 { metadata["sha256"] = SampleFile.sha256(bytes) }
        let created = try await createUpload(token: token, length: bytes.count, metadata: metadata)
        #expect(created.status == .created, "\(String(buffer: created.body))")
        let location = try #require(created.headers[.location])
        let patched = try await patchUpload(location, offset: 0, bytes: bytes, token: token)
        #expect(patched.status == .noContent, "\(String(buffer: patched.body))")
        #expect(patched.headers[.uploadOffset] == String(bytes.count))
        return location
    }
}

extension TestClientProtocol {
    /// What a phone does to attach a document: uploads a sample file of `kind` for the claim
    /// and returns the `attachDocument` intent naming the upload.
    func attachDocumentIntent(_ kind: DocumentKind, claimID: UUID, phone: inout TestDevice, token: String) async throws -> Mutation {
        let file = SampleFile.make(
            kind == .selfie ? .jpeg : .pdf,
            size: 1_500,
            seed: UInt64(DocumentKind.allCases.firstIndex(of: kind) ?? 0)
        )
        let location = try await uploadDocument(file, kind: kind, claimID: claimID, token: token)
        return phone.intent(.attachDocument, attachArguments(claimID: claimID, location: location), record: Claim.key(claimID))
    }
}

/// The upload id at the end of a location.
func uploadID(_ location: String) -> UUID { UUID(uuidString: String(location.split(separator: "/").last!))! }

/// The arguments of an `attachDocument` intent for an upload.
func attachArguments(claimID: UUID, location: String, extra: [String: JSONValue] = [:]) -> [String: JSONValue] {
    var arguments: [String: JSONValue] = ["claimID": .string(claimID.uuidString), "uploadID": .string(uploadID(location).uuidString)]
    arguments.merge(extra) { $1 }
    return arguments
}

/// A folder blob store in a fresh temporary folder.
func temporaryBlobStore() throws -> FileBlobStore {
    try FileBlobStore(
        path: FileManager.default.temporaryDirectory.appendingPathComponent("jht-blobs-\(UUID().uuidString)").path,
        keys: AtRestKeys(.ephemeral())
    )
}
