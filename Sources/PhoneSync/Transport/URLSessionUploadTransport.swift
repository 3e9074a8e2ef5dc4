import Foundation
import Sync

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `UploadTransport` over URLSession: the tus 1.0 requests of the upload endpoints
/// (`POST /v1/uploads`, then `HEAD` and `PATCH` on the upload's URL).
///
/// A lost connection or a cut mid-chunk is a transient error: the `DocumentUploader` asks
/// the server how far it got (`HEAD`) and sends the rest from there, in this run or, after the
/// app was killed, in the next one (the queue and the upload's URL are in the replica).
public struct URLSessionUploadTransport: UploadTransport {
    /// The service and the session requests go through.
    public let server: ServerAddress

    /// A transport to `server`.
    public init(server: ServerAddress) {
        self.server = server
    }

    /// Creates an upload of `length` bytes and returns its URL (`Location`).
    public func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String {
        var request = request(server.url("/v1/uploads"), method: "POST", accessToken: accessToken)
        request.setValue(String(length), forHTTPHeaderField: "Upload-Length")
        request.setValue(TusHeaders.metadata(metadata), forHTTPHeaderField: "Upload-Metadata")
        let response = try await send(request, expecting: 201)
        guard let location = response.value(forHTTPHeaderField: "Location") else { throw UploadTransportError.transient("no Location") }
        return location
    }

    /// The bytes the server has kept of the upload at `location`.
    public func offset(at location: String, accessToken: String) async throws -> Int64 {
        try Self.offset(await send(request(server.url(location), method: "HEAD", accessToken: accessToken), expecting: 200))
    }

    /// Sends `bytes` at `offset` with their checksum and returns the server's new offset.
    public func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64 {
        var request = request(server.url(location), method: "PATCH", accessToken: accessToken)
        request.setValue("application/offset+octet-stream", forHTTPHeaderField: "Content-Type")
        request.setValue(String(offset), forHTTPHeaderField: "Upload-Offset")
        request.setValue(checksum, forHTTPHeaderField: "Upload-Checksum")
        request.httpBody = Data(bytes)
        return try Self.offset(await send(request, expecting: 204))
    }

    private func request(_ url: URL, method: String, accessToken: String) -> URLRequest {
        var request = server.request(url, method: method, accessToken: accessToken)
        request.setValue(TusHeaders.version, forHTTPHeaderField: "Tus-Resumable")
        return request
    }

    private func send(_ request: URLRequest, expecting status: Int) async throws -> HTTPURLResponse {
        let answer = try await server.exchange(request) { UploadTransportError.transient($0) }
        if answer.response.statusCode == status { return answer.response }
        throw UploadTransportError(status: answer.response.statusCode, body: answer.body)
    }

    private static func offset(_ response: HTTPURLResponse) throws(UploadTransportError) -> Int64 {
        guard let text = response.value(forHTTPHeaderField: "Upload-Offset"), let offset = Int64(text) else {
            throw .transient("no Upload-Offset")
        }
        return offset
    }
}
