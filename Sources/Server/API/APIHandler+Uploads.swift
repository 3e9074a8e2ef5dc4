import APITypes
import Foundation
import HTTPTypes
import Models
import OpenAPIRuntime

// Resumable document uploads (tus 1.0). The tus rules shared by every request (the version
// header, the PATCH content type, no body on HEAD) are in ``TusMiddleware``.
extension APIHandler {
    func uploadOptions(_ input: Operations.UploadOptions.Input) async throws -> Operations.UploadOptions.Output {
        .noContent(
            .init(
                headers: .init(
                    tusResumable: Tus.version,
                    tusVersion: Tus.version,
                    tusExtension: Tus.extensions,
                    tusMaxSize: configuration.uploads.maxBytes,
                    tusChecksumAlgorithm: UploadChecksum.supported
                )
            )
        )
    }

    func createUpload(_ input: Operations.CreateUpload.Input) async throws -> Operations.CreateUpload.Output {
        let owner = try Principal.requireParticipant()
        let upload = try await uploads.create(
            length: input.headers.uploadLength,
            deferLength: input.headers.uploadDeferLength,
            metadata: input.headers.uploadMetadata,
            by: owner
        )
        return .created(
            .init(
                headers: .init(
                    tusResumable: Tus.version,
                    location: "\(Tus.path)/\(upload.id.uuidString.lowercased())",
                    uploadOffset: upload.offset,
                    uploadExpires: HTTPDate.string(upload.expiresAt)
                )
            )
        )
    }

    func getUploadOffset(_ input: Operations.GetUploadOffset.Input) async throws -> Operations.GetUploadOffset.Output {
        let owner = try Principal.requireParticipant()
        let upload = try await uploads.upload(try Self.uploadID(input.path.uploadID), for: owner)
        return .ok(
            .init(
                headers: .init(
                    tusResumable: Tus.version,
                    uploadOffset: upload.offset,
                    uploadLength: upload.length,
                    uploadExpires: upload.isComplete ? nil : HTTPDate.string(upload.expiresAt),
                    cacheControl: "no-store"
                )
            )
        )
    }

    func uploadChunk(_ input: Operations.UploadChunk.Input) async throws -> Operations.UploadChunk.Output {
        let owner = try Principal.requireParticipant()
        guard case .applicationOffsetOctetStream(let body) = input.body else { throw Problem.unsupportedMediaType }
        let contentLength: Int64? =
            switch body.length {
            case .known(let length): length
            case .unknown: nil
            }
        let upload = try await uploads.patch(
            try Self.uploadID(input.path.uploadID),
            offset: input.headers.uploadOffset,
            contentLength: contentLength,
            checksum: input.headers.uploadChecksum,
            body: body,
            by: owner
        )
        return .noContent(
            .init(
                headers: .init(
                    tusResumable: Tus.version,
                    uploadOffset: upload.offset,
                    uploadExpires: upload.isComplete ? nil : HTTPDate.string(upload.expiresAt)
                )
            )
        )
    }

    func terminateUpload(_ input: Operations.TerminateUpload.Input) async throws -> Operations.TerminateUpload.Output {
        let owner = try Principal.requireParticipant()
        try await uploads.terminate(try Self.uploadID(input.path.uploadID), by: owner)
        return .noContent(.init(headers: .init(tusResumable: Tus.version)))
    }

    /// An upload id from the path; anything else is an upload that does not exist.
    static func uploadID(_ text: String) throws(Problem) -> UUID {
        guard let id = UUID(uuidString: text) else { throw Problem.uploadNotFound }
        return id
    }
}
