import Crypto
import Foundation
import HTTPTypes

/// A chunk's expected checksum from `Upload-Checksum: <algorithm> <Base64 digest>` (tus
/// checksum extension). SHA-256 is the one to use; SHA-1 is accepted because tus 1.0 requires
/// every server to support it.
public struct UploadChecksum: Hashable, Sendable {
    /// The digest algorithms accepted.
    public enum Algorithm: String, Hashable, Sendable, CaseIterable {
        case sha256
        case sha1
    }

    public var algorithm: Algorithm
    /// The expected digest.
    public var digest: [UInt8]

    /// The value of `Tus-Checksum-Algorithm`: preferred first.
    static let supported = Algorithm.allCases.map(\.rawValue).joined(separator: ",")

    /// Reads the header; throws a 400 ``Problem`` for an unknown algorithm or a malformed digest.
    public init(header: String) throws(Problem) {
        let malformed = Problem(
            status: .badRequest,
            code: "upload.checksumHeader",
            title: "Upload-Checksum is not valid",
            detail: "Send 'Upload-Checksum: sha256 <Base64 of the chunk's digest>'."
        )
        guard let (name, digest) = try? TusHeaderSyntax.checksum(header) else { throw malformed }
        guard let algorithm = Algorithm(rawValue: name) else {
            throw Problem(
                status: .badRequest,
                code: "upload.checksumAlgorithm",
                title: "Checksum algorithm not supported",
                detail: "Supported: \(Self.supported)."
            )
        }
        guard let digest, digest.count == (algorithm == .sha256 ? 32 : 20) else {
            var problem = malformed
            problem.detail = "The digest is not Base64 of a \(algorithm.rawValue) digest."
            throw problem
        }
        self.algorithm = algorithm
        self.digest = digest
    }

    public init(algorithm: Algorithm, digest: [UInt8]) {
        self.algorithm = algorithm
        self.digest = digest
    }

    /// A running digest of the algorithm.
    struct Hasher: Sendable {
        private var sha256: SHA256?
        private var sha1: Insecure.SHA1?

        init(_ algorithm: Algorithm) {
            switch algorithm {
            case .sha256: sha256 = SHA256()
            case .sha1: sha1 = Insecure.SHA1()
            }
        }

        mutating func update(_ bytes: UnsafeRawBufferPointer) {
            sha256?.update(bufferPointer: bytes)
            sha1?.update(bufferPointer: bytes)
        }

        func finalize() -> [UInt8] {
            if let sha256 { return Array(sha256.finalize()) }
            if let sha1 { return Array(sha1.finalize()) }
            return []
        }
    }
}
