import Foundation
import NIOHTTP1
import PhoneSync
import Sync
import SyncHTTP

/// A simulated officer at one desk of the Bandung Suci branch, working the worklist of one
/// role over the office API: the CSO checks documents (or asks for a correction), the back
/// office verifies against the civil registry, the head of service approves (or returns),
/// finance pays. Each step's start is noted, so the phones' view of it gives the latency.
struct OfficerDesk {
    enum Role: String, CaseIterable, Sendable {
        case cso, backOffice, headOfService, finance
        /// The claim status the role's worklist holds.
        var works: String {
            switch self {
            case .cso: "submitted"
            case .backOffice: "documentsChecked"
            case .headOfService: "verified"
            case .finance: "approved"
            }
        }
    }

    let employeeNumber: String
    let role: Role
    let context: RunContext
    var random: SimRandom
    var token = ""
    /// Claims this desk leaves to others (taken meanwhile, or four-eyes says not this officer).
    var passed: Set<String> = []

    init(employeeNumber: String, role: Role, desk: Int, context: RunContext) {
        self.employeeNumber = employeeNumber
        self.role = role
        self.context = context
        self.random = SimRandom(seed: context.seed, stream: 9_000_000 + UInt64(desk))
    }

    var metrics: RunMetrics { context.metrics }

    /// Works until the task is cancelled.
    mutating func run() async {
        while !Task.isCancelled {
            do {
                if token.isEmpty { token = try await context.officerToken(employeeNumber, desk: role.rawValue) }
                if try await workOnce() == 0 { try await Task.sleep(for: .milliseconds(random.int(500...1_500))) }
            } catch is CancellationError {
                return
            } catch let failure as SimHTTP.Failure where failure.status == 401 {
                token = ""
            } catch {
                try? await Task.sleep(for: .milliseconds(500))
            }
        }
    }

    struct Worklist: Decodable {
        struct Item: Decodable {
            var claimId: String
            var status: String
            /// `app`, `lapakAsik` or `branch`: the last two are verified after an in-person check.
            var channel: String?
        }
        var items: [Item]
    }

    struct StepAnswer: Decodable {
        struct ClaimView: Decodable { var status: String }
        struct Finding: Decodable {
            var check: String
            var matches: Bool
            var detail: String
        }
        var claim: ClaimView
        var paid: Bool?
        var verified: Bool?
        var findings: [Finding]?
    }

    /// Takes up to ten claims from the worklist; returns how many it acted on.
    mutating func workOnce() async throws -> Int {
        let list: Worklist = try await context.http.json(.GET, "/v1/office/worklist?role=\(role.rawValue)", family: "office", token: token)
        let items = list.items.filter { $0.status == role.works && !passed.contains($0.claimId) }
        guard !items.isEmpty else { return 0 }
        let start = random.int(0..<items.count)
        var acted = 0
        for item in (items[start...] + items[..<start]).prefix(10) {
            if try await act(on: item.claimId) != nil { acted += 1 }
        }
        return acted
    }

    /// One step on one claim.
    /// - Returns: the claim's status after the step, or `nil` when it was not this desk's to take.
    @discardableResult
    mutating func act(on claimID: String) async throws -> String? {
        let settings = context.settings
        let path = "/v1/office/claims/\(claimID)"
        let (route, body): (String, [String: JSONValue]?) =
            switch role {
            case .cso:
                random.chance(settings.correctionRate)
                    ? ("correction", ["items": .array([.object(["document": "idCard", "reason": "The photo of the ID card is blurred"])])])
                    : ("documents-complete", nil)
            case .backOffice: ("verify", nil)
            case .headOfService:
                random.chance(settings.returnRate) ? ("return", ["reason": "The balance breakdown needs a second look"]) : ("approve", nil)
            case .finance: ("pay", nil)
            }
        let started = context.now()
        let data = try body.map { try WireCoding.encoder.encode(JSONValue.object($0)) }
        let response = try await context.http.send(.POST, "\(path)/\(route)", family: "office", token: token, body: data)
        switch response.status {
        case 200:
            let answer = try WireCoding.decoder.decode(StepAnswer.self, from: response.body)
            guard let id = UUID(uuidString: claimID) else { return answer.claim.status }
            if answer.claim.status != role.works { metrics.officerSet(claim: id, status: answer.claim.status, at: started) }
            if answer.paid == true { metrics.paid() }
            if answer.claim.status == "paid" || answer.claim.status == "rejected" { metrics.finalStatus() }
            if answer.verified == false, let finding = answer.findings?.first(where: { !$0.matches }) {
                return try await reject(claimID, after: finding) ? "rejected" : answer.claim.status
            }
            return answer.claim.status
        case 401:
            throw SimHTTP.failure(response)
        default:
            // Taken by another desk, or four-eyes: this officer may not take the next step.
            passed.insert(claimID)
            return nil
        }
    }

    /// The registry or the ledger disagrees with the claim: the back office rejects it, saying why.
    /// - Returns: whether the claim was rejected.
    mutating func reject(_ claimID: String, after finding: StepAnswer.Finding) async throws -> Bool {
        metrics.verificationFailed(finding.check)
        return try await reject(claimID, cause: finding.check == "balance" ? "other" : "identityMismatch", reason: finding.detail)
    }

    /// Rejects the claim for `cause` (a claim-rejection cause code), saying why.
    /// - Returns: whether the claim was rejected.
    mutating func reject(_ claimID: String, cause: String, reason: String) async throws -> Bool {
        let body = try WireCoding.encoder.encode(["cause": cause, "reason": reason])
        let started = context.now()
        let response = try await context.http.send(.POST, "/v1/office/claims/\(claimID)/reject", family: "office", token: token, body: body)
        if response.status == 401 { throw SimHTTP.failure(response) }
        if response.status == 200, let id = UUID(uuidString: claimID) {
            metrics.officerSet(claim: id, status: "rejected", at: started)
            metrics.finalStatus()
            return true
        }
        passed.insert(claimID)
        return false
    }
}
