import APITypes
import Foundation
import HTTPTypes
import Models

extension APIHandler {
    func getKPIs(_ input: Operations.GetKPIs.Input) async throws -> Operations.GetKPIs.Output {
        let (_, branch) = try await signedInOfficer()
        let (from, to) = try OfficeReports.period(from: input.query.from, to: input.query.to, today: today(in: branch.timeZone))
        let kpis = try await reports.kpis(branch: branch, from: from, to: to)
        return .ok(.init(body: .json(try WireBridge.convert(kpis))))
    }

    func createStaffLink(_ input: Operations.CreateStaffLink.Input) async throws -> Operations.CreateStaffLink.Output {
        let (officer, _) = try await signedInOfficer()
        let link = try await staffAuth.makeTicket(for: officer)
        return .created(.init(body: .json(.init(url: link.path, expiresAt: link.expiresAt))))
    }
}
