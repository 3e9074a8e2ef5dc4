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
        guard (1...500).contains(body.postings.count) else {
            throw Problem(
                status: .contentTooLarge,
                code: "ledger.batchTooLarge",
                title: "Too many postings",
                detail: "Send 1 to 500 postings per request."
            )
        }
        var results: [Components.Schemas.LedgerPostingResult] = []
        for wire in body.postings {
            let outcome: LedgerService.Outcome
            do {
                let posting = LedgerService.Posting(
                    id: .init(try Self.uuid(wire.id, field: "id")),
                    participantID: .init(try Self.uuid(wire.participantId, field: "participantId")),
                    amount: Rupiah(wire.amount),
                    source: try WireBridge.convert(wire.source)
                )
                outcome = try await ledger.post(posting) { account in
                    account.participant.branchID == officer.branchID ? nil : Problem(workflow: .otherBranch)
                }
            } catch let problem as Problem {
                outcome = .refused(problem)
            } catch {
                outcome = .refused(Problem.postingInvalid("The source is not valid: \\(WireBridge.describe(error))."))
            }
            switch outcome {
            case .posted(let balance):
                results.append(.init(id: wire.id, status: .posted, balance: balance.amount))
            case .alreadyPosted:
                results.append(.init(id: wire.id, status: .alreadyPosted))
            case .refused(let problem):
                results.append(
                    .init(id: wire.id, status: .refused, code: .init(rawValue: problem.code), message: problem.detail ?? problem.title)
                )
            }
        }
        let posted = results.filter { $0.status == .posted }.count
        logger.info("ledger postings", metadata: ["postings": "\(results.count)", "posted": "\(posted)", "officer": "\(officer.id)"])
        return .ok(.init(body: .json(.init(results: results))))
    }

    /// A UUID from a request, in either letter case.
    static func uuid(_ text: String, field: String) throws(Problem) -> UUID {
        guard let uuid = UUID(uuidString: text) else {
            throw Problem.validation([ValueError(code: "\(field).format", field: field, message: "\(field) is a UUID.")])
        }
        return uuid
    }
}
