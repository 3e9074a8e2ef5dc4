import Foundation
import Sync

extension UploadTransportError {
    /// The error an HTTP answer to a tus request maps to, for every HTTP transport alike: 401
    /// refreshes the token, 404/410 start a new upload, 409 asks the offset, 460 resends,
    /// 408/423/429/5xx retry, any other status refuses the file with the server's reason.
    ///
    /// - Parameters:
    ///   - status: the HTTP status of the answer.
    ///   - body: the answer's body (an RFC 9457 problem when the server refuses).
    public init(status: Int, body: Data) {
        struct ProblemBody: Decodable {
            var code: String?
            var detail: String?
            var title: String?
        }
        switch status {
        case 401: self = .unauthorized
        case 404, 410: self = .gone
        case 409: self = .offsetConflict
        case 460: self = .checksumMismatch
        case 408, 423, 429, 500...: self = .transient("HTTP \(status)")
        default:
            let problem = try? JSONDecoder().decode(ProblemBody.self, from: body)
            self = .refused(
                Rejection(
                    code: problem?.code ?? "upload.refused",
                    message: problem?.detail ?? problem?.title ?? "The server refused the file (HTTP \(status))."
                )
            )
        }
    }
}

/// The header values of tus 1.0 that every HTTP upload transport writes the same way.
public enum TusHeaders {
    /// The protocol version every request names (`Tus-Resumable`).
    public static let version = "1.0.0"

    /// The value of `Upload-Metadata`: `key base64` pairs, sorted by key.
    public static func metadata(_ metadata: [String: String]) -> String {
        metadata.sorted { $0.key < $1.key }.map { "\($0.key) \(Data($0.value.utf8).base64EncodedString())" }.joined(separator: ",")
    }
}
