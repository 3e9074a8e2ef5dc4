import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Passes the header values of the document operations through the generated code unchanged.
///
/// The OpenAPI runtime reads and writes header parameters in URI "simple" style: it
/// percent-encodes values and treats commas as list separators. The tus headers are raw text
/// (`Upload-Metadata: filename a3RwLmpwZw==,kind aWRDYXJk`, `Upload-Expires: Sun, 06 Nov …`,
/// `Location: /v1/uploads/…`), as are `ETag` and `Cache-Control`. For these operations this
/// middleware percent-encodes such request values before the generated code decodes them,
/// and decodes the response values it encoded, so clients see exactly what the contract says.
struct RawHeaderMiddleware: ServerMiddleware {
    static let operations: Set<String> = [
        "uploadOptions", "createUpload", "getUploadOffset", "uploadChunk", "terminateUpload", "getClaimDocument",
    ]
    static let requestHeaders: [HTTPField.Name] = [.uploadMetadata, .uploadChecksum]
    static let responseHeaders: [HTTPField.Name] = [
        .location, .uploadExpires, .tusExtension, .tusChecksumAlgorithm, .tusVersion, .eTag, .cacheControl,
    ]
    /// RFC 3986 unreserved characters: the only ones the runtime leaves as they are.
    static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard Self.operations.contains(operationID) else { return try await next(request, body, metadata) }
        var request = request
        for name in Self.requestHeaders {
            if let value = request.headerFields[name] {
                request.headerFields[name] = value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? value
            }
        }
        var (response, responseBody) = try await next(request, body, metadata)
        for name in Self.responseHeaders {
            if let value = response.headerFields[name] { response.headerFields[name] = value.removingPercentEncoding ?? value }
        }
        return (response, responseBody)
    }
}

extension HTTPField.Name {
    static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    static let uploadChecksum = HTTPField.Name("Upload-Checksum")!
}
