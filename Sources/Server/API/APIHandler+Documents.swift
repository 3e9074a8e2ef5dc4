import APITypes
import Foundation
import Models
import OpenAPIRuntime

extension APIHandler {
    func getClaimDocument(_ input: Operations.GetClaimDocument.Input) async throws -> Operations.GetClaimDocument.Output {
        guard let principal = Principal.current else { throw Problem.unauthenticated }
        guard let claimID = UUID(uuidString: input.path.claimID), let documentID = UUID(uuidString: input.path.documentID) else {
            throw Problem.documentNotFound
        }
        let (document, bytes) = try await documents.read(claimID: claimID, documentID: documentID, by: principal)
        let body = HTTPBody(bytes)
        let content: Operations.GetClaimDocument.Output.Ok.Body =
            switch DocumentFormat(mediaType: document.contentType) {
            case .png: .png(body)
            case .pdf: .pdf(body)
            case .jpeg, nil: .jpeg(body)
            }
        return .ok(
            .init(
                headers: .init(eTag: "\"\(document.sha256)\"", cacheControl: "private, no-store", xContentTypeOptions: "nosniff"),
                body: content
            )
        )
    }
}
