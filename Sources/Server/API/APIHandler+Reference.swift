import APITypes
import Foundation
import Models

extension APIHandler {
    func getConfig(_ input: Operations.GetConfig.Input) async throws -> Operations.GetConfig.Output {
        let rules = configuration.rules
        let config = Components.Schemas.PublicConfig(
            onlineCeilings: rules.channels.ceilings.sorted { $0.effectiveFrom < $1.effectiveFrom }.map {
                .init(effectiveFrom: $0.effectiveFrom.description, amount: $0.amount.amount)
            },
            currentOnlineCeiling: rules.channels.ceiling(on: today()).amount,
            taxNumberRequiredAbove: rules.taxNumberRequiredAbove.amount,
            retirementAge: rules.retirementAge,
            uploads: .init(
                maxBytes: configuration.uploads.maxBytes,
                allowedContentTypes: configuration.uploads.allowedContentTypes,
                _protocol: "tus 1.0.0"
            ),
            biometric: .init(
                failuresBeforeFallback: configuration.biometric.failuresBeforeFallback,
                windowSeconds: configuration.biometric.windowSeconds,
                attemptsPerDay: configuration.biometric.attemptsPerDay
            ),
            sla: .init(workingDays: configuration.sla.workingDays, atRiskWhenRemaining: configuration.sla.atRiskWhenRemaining)
        )
        return .ok(.init(body: .json(config)))
    }

    func listBranches(_ input: Operations.ListBranches.Input) async throws -> Operations.ListBranches.Output {
        .ok(.init(body: .json(try WireBridge.convert(try await store.branches()))))
    }

    func getCalendar(_ input: Operations.GetCalendar.Input) async throws -> Operations.GetCalendar.Output {
        let year = input.path.year
        guard (2000...2100).contains(year) else {
            throw Problem.validation([ValueError(code: "year.range", field: "year", message: "Give a year from 2000 to 2100.")])
        }
        let days = configuration.calendar.daysOff.values.filter { $0.date.year == year }.sorted { $0.date < $1.date }
        return .ok(.init(body: .json(try WireBridge.convert(days))))
    }

    func getOfficerMe(_ input: Operations.GetOfficerMe.Input) async throws -> Operations.GetOfficerMe.Output {
        let officerID = try Principal.requireOfficer()
        guard let officer = try await store.officer(id: officerID) else { throw Problem.unauthenticated }
        return .ok(.init(body: .json(try WireBridge.convert(officer))))
    }
}
