import APITypes
import Foundation
import HTTPTypes
import Models

extension APIHandler {
    func requestParticipantCode(
        _ input: Operations.RequestParticipantCode.Input
    ) async throws
        -> Operations.RequestParticipantCode.Output
    {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        var errors: [ValueError] = []
        let nik = capture(&errors) { () throws(ValueError) in try NIK(body.nik) }
        let kpj = capture(&errors) { () throws(ValueError) in try KPJ(body.kpj) }
        let deviceID = capture(&errors) { () throws(ValueError) in try DeviceID.validated(body.deviceId) }
        guard let nik, let kpj, let deviceID, errors.isEmpty else { throw Problem.validation(errors) }
        let challenge = try await signIn.requestParticipantCode(nik: nik, kpj: kpj, deviceID: deviceID, from: ClientAddress.current)
        let phone = try await store.account(nik: nik)?.participant.phone?.masked ?? "your phone"
        return .accepted(.init(body: .json(.init(challengeId: challenge.id.uuidString, expiresAt: challenge.expiresAt, sentTo: phone))))
    }

    func requestOfficerCode(_ input: Operations.RequestOfficerCode.Input) async throws -> Operations.RequestOfficerCode.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let deviceID = try DeviceID.validated(body.deviceId)
        let number = body.employeeNumber.trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 32 else {
            throw Problem.validation([
                ValueError(code: "employeeNumber.format", field: "employeeNumber", message: "Give your employee number.")
            ])
        }
        let challenge = try await signIn.requestOfficerCode(employeeNumber: number, deviceID: deviceID, from: ClientAddress.current)
        let phone = try await store.officer(employeeNumber: number)?.phone?.masked ?? "your work phone"
        return .accepted(.init(body: .json(.init(challengeId: challenge.id.uuidString, expiresAt: challenge.expiresAt, sentTo: phone))))
    }

    func exchangeCode(_ input: Operations.ExchangeCode.Input) async throws -> Operations.ExchangeCode.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let deviceID = try DeviceID.validated(body.deviceId)
        guard let challengeID = UUID(uuidString: body.challengeId) else {
            throw Problem.validation([ValueError(code: "challengeId.format", field: "challengeId", message: "challengeId is a UUID.")])
        }
        guard body.code.count == 6, body.code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw Problem.validation([ValueError(code: "code.format", field: "code", message: "The code has six digits.")])
        }
        let tokens = try await signIn.exchange(challengeID: challengeID, code: body.code, deviceID: deviceID, from: ClientAddress.current)
        if tokens.principal.kind == .participant, let account = try await store.account(id: .init(tokens.principal.id)) {
            try await sync.provision(account)
        }
        return .ok(.init(body: .json(Self.tokenPair(tokens))))
    }

    func refreshTokens(_ input: Operations.RefreshTokens.Input) async throws -> Operations.RefreshTokens.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        let deviceID = try DeviceID.validated(body.deviceId)
        let tokens = try await signIn.refresh(refreshToken: body.refreshToken, deviceID: deviceID)
        return .ok(.init(body: .json(Self.tokenPair(tokens))))
    }

    func signOut(_ input: Operations.SignOut.Input) async throws -> Operations.SignOut.Output {
        guard case .json(let body) = input.body else { throw Problem.unsupportedMediaType }
        guard let caller = Principal.current else { throw Problem.unauthenticated }
        do { _ = try DeviceID.validated(body.deviceId) } catch { throw Problem.validation([error]) }
        try await signIn.signOut(caller, refreshToken: body.refreshToken)
        return .noContent(.init())
    }

    static func tokenPair(_ tokens: SignInService.Tokens) -> Components.Schemas.TokenPair {
        .init(
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            tokenType: .bearer,
            expiresIn: tokens.expiresIn,
            principal: .init(
                kind: tokens.principal.kind == .participant ? .participant : .officer,
                id: tokens.principal.id.uuidString,
                roles: tokens.principal.kind == .officer ? tokens.principal.roles.sorted().map { .init(rawValue: $0.rawValue)! } : nil
            )
        )
    }

    /// Runs a validation, collecting its error so a response can name every bad field at once.
    func capture<T>(_ errors: inout [ValueError], _ make: () throws(ValueError) -> T) -> T? {
        do { return try make() } catch {
            errors.append(error)
            return nil
        }
    }
}

extension Problem {
    /// The body was not JSON.
    static let unsupportedMediaType = Problem(
        status: .unsupportedMediaType,
        code: "request.mediaType",
        title: "Send JSON",
        detail: "Send the body as application/json."
    )
}
