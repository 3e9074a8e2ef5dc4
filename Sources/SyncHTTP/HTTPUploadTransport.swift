import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PhoneSync
import Sync

/// ``UploadTransport`` over HTTP with AsyncHTTPClient: the tus 1.0 requests of the upload
/// endpoints. Maps answers to the errors the uploader acts on: 401 refreshes the token, 409
/// asks the offset, 460 resends, 404/410 start a new upload, 5xx, 423 and network faults
/// retry, other 4xx refuse the file with the server's reason.
public struct HTTPUploadTransport: UploadTransport {
    let baseURL: String
    let client: HTTPClient
    let timeout: TimeAmount

    public init(baseURL: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(60)) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeout = timeout
    }

    public func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String {
        var request = request(baseURL + "/v1/uploads", method: .POST, accessToken: accessToken)
        request.headers.add(name: "Upload-Length", value: String(length))
        request.headers.add(name: "Upload-Metadata", value: TusHeaders.metadata(metadata))
        let response = try await send(request, expecting: 201)
        guard let location = response.headers.first(name: "Location") else { throw UploadTransportError.transient("no Location") }
        return location
    }

    public func offset(at location: String, accessToken: String) async throws -> Int64 {
        let response = try await send(request(url(location), method: .HEAD, accessToken: accessToken), expecting: 200)
        return try Self.offset(response.headers)
    }

    public func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64 {
        var request = request(url(location), method: .PATCH, accessToken: accessToken)
        request.headers.add(name: "Content-Type", value: "application/offset+octet-stream")
        request.headers.add(name: "Upload-Offset", value: String(offset))
        request.headers.add(name: "Upload-Checksum", value: checksum)
        request.body = .bytes(ByteBuffer(bytes: bytes))
        let response = try await send(request, expecting: 204)
        return try Self.offset(response.headers)
    }

    func url(_ location: String) -> String {
        location.hasPrefix("http://") || location.hasPrefix("https://") ? location : baseURL + location
    }

    func request(_ url: String, method: HTTPMethod, accessToken: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Tus-Resumable", value: TusHeaders.version)
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        return request
    }

    struct Answer {
        var headers: HTTPHeaders
    }

    func send(_ request: HTTPClientRequest, expecting status: Int) async throws(UploadTransportError) -> Answer {
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            body = try await response.body.collect(upTo: 1024 * 1024)
        } catch {
            throw .transient("network: \(error)")
        }
        let code = Int(response.status.code)
        if code == status { return Answer(headers: response.headers) }
        throw UploadTransportError(status: code, body: Data(body.readableBytesView))
    }

    static func offset(_ headers: HTTPHeaders) throws(UploadTransportError) -> Int64 {
        guard let text = headers.first(name: "Upload-Offset"), let offset = Int64(text) else { throw .transient("no Upload-Offset") }
        return offset
    }
}
