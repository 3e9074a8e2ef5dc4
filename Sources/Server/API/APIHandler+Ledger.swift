import APITypes
import Foundation
import HTTPTypes
import Logging
import Models

// Finance's postings to participants' ledgers (``LedgerService``).
extension APIHandler {
    func postLedgerEntries(_ input: Operations.PostLedgerEntries.Input) async throws -> Operations.PostLedgerEntries.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let (officer, _) = try await signedInOfficer()
        guard officer.roles.contains(.finance) else { throw Problem(workflow: .roleRequired(.finance, event: "postLedgerEntries")) }
        guard !body.postings.isEmpty else {
            throw Problem.validation([ValueError(code: "ledger.batchEmpty", field: "postings", message: "Send 1 to 500 postings.")])
        }
        guard body.postings.count <= 500 else {
            throw Problem(
                status: .contentTooLarge,
                code: "ledger.batchTooLarge",
                title: "Too many postings",
                detail: "Send 1 to 500 postings per request."
            )
        }
        // Every posting is read before any is posted: one that does not fit the contract (an id
        // that is not a UUID, a source that is not one of the kinds) is a 400 for the batch, and
        // nothing is posted. Postings that read well and break a rule are refused one by one.
        var postings: [LedgerService.Posting] = []
        var errors: [ValueError] = []
        for (index, wire) in body.postings.enumerated() {
            do {
                postings.append(
                    LedgerService.Posting(
                        id: .init(try Self.uuid(wire.id, field: "postings[\(index)].id")),
                        participantID: .init(try Self.uuid(wire.participantId, field: "postings[\(index)].participantId")),
                        amount: Rupiah(wire.amount),
                        source: try WireBridge.convert(wire.source)
                    )
                )
            } catch let problem as Problem {
                errors += problem.errors.map { ValueError(code: $0.code, field: $0.field, message: $0.message) }
            } catch {
                let message = "The source of posting \(index) is not valid: \(WireBridge.describe(error))."
                errors.append(ValueError(code: "ledger.postingInvalid", field: "postings[\(index)].source", message: message))
            }
        }
        guard errors.isEmpty else { throw Problem.validation(errors) }
        var results: [Components.Schemas.LedgerPostingResult] = []
        for posting in postings {
            let outcome: LedgerService.Outcome
            do {
                outcome = try await ledger.post(posting) { account in
                    account.participant.branchID == officer.branchID ? nil : Problem(workflow: .otherBranch)
                }
            } catch let problem as Problem {
                outcome = .refused(problem)
            }
            let id = posting.id.rawValue.uuidString
            switch outcome {
            case .posted(let balance):
                results.append(.init(id: id, status: .posted, balance: balance.amount))
            case .alreadyPosted:
                results.append(.init(id: id, status: .alreadyPosted))
            case .refused(let problem):
                results.append(
                    .init(id: id, status: .refused, code: .init(rawValue: problem.code), message: problem.detail ?? problem.title)
                )
            }
        }
        let posted = results.filter { $0.status == .posted }.count
        logger.info("ledger postings", metadata: ["postings": "\(results.count)", "posted": "\(posted)", "officer": "\(officer.id)"])
        return .ok(.init(body: .json(.init(results: results))))
    }

    /// A UUID from a request, in either letter case; `id.format` or `participantId.format`.
    static func uuid(_ text: String, field: String) throws(Problem) -> UUID {
        guard let uuid = UUID(uuidString: text) else {
            let name = field.split(separator: ".").last.map(String.init) ?? field
            throw Problem.validation([ValueError(code: "\(name).format", field: field, message: "\(field) is a UUID.")])
        }
        return uuid
    }
}
