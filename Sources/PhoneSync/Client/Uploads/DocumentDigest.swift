import Crypto
import Foundation
import Sync

/// SHA-256 as the upload protocol uses it: hex for whole files, `sha256 <Base64>` for chunks.
public enum DocumentDigest {
    /// The SHA-256 of `bytes` in lower-case hex.
    public static func sha256Hex(_ bytes: some DataProtocol) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// The `Upload-Checksum` value of a chunk: `sha256 <Base64 of its SHA-256>`.
    public static func uploadChecksum(_ bytes: some DataProtocol) -> String {
        "sha256 " + Data(SHA256.hash(data: bytes)).base64EncodedString()
    }
}
