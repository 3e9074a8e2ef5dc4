import APITypes
import Foundation
import HTTPTypes
import Models
import OpenAPIRuntime

// The staff page and its sign-in, as HTML for a browser.
extension APIHandler {
    var staffAuth: StaffAuth { StaffAuth(store: store, signIn: signIn, logger: logger, now: now) }

    func getStaffPage(_ input: Operations.GetStaffPage.Input) async throws -> Operations.GetStaffPage.Output {
        guard let session = try await staffAuth.session(cookieHeader: input.headers.cookie) else {
            return .seeOther(.init(headers: .init(location: "/staff/sign-in", setCookie: StaffCookie.clear)))
        }
        let officer = session.officer
        guard let branch = try await store.branch(id: officer.branchID) else { throw ProblemMiddlewareInternal.missingBranch }
        let at = now()
        let period: (LocalDate, LocalDate)
        do {
            period = try OfficeReports.period(from: input.query.from, to: input.query.to, today: LocalDate(at, in: branch.timeZone))
        } catch {
            let today = LocalDate(at, in: branch.timeZone)
            period = (LocalDate(year: today.year, month: today.month, day: 1), today)
        }
        let page = StaffPage(
            officer: officer,
            branch: branch,
            kpis: try await reports.kpis(branch: branch, from: period.0, to: period.1),
            worklist: try await reports.worklist(for: officer.roles.sorted(), branch: branch, at: at),
            waiting: try await reports.waitingForParticipants(branch: branch),
            now: at
        )
        return .ok(
            .init(headers: .init(cacheControl: "no-store", setCookie: session.renewed?.setCookie), body: .html(HTTPBody(page.render())))
        )
    }

    func getStaffSignIn(_ input: Operations.GetStaffSignIn.Input) async throws -> Operations.GetStaffSignIn.Output {
        guard let ticket = input.query.ticket else {
            return .ok(.init(headers: .init(cacheControl: "no-store"), body: .html(HTTPBody(StaffSignInPage.employeeNumber()))))
        }
        do {
            let cookie = try await staffAuth.redeem(ticket: ticket)
            return .seeOther(.init(headers: .init(location: "/staff", setCookie: cookie.setCookie)))
        } catch let problem as Problem {
            let page = StaffSignInPage.employeeNumber(error: problem.detail ?? problem.title)
            return .ok(.init(headers: .init(cacheControl: "no-store"), body: .html(HTTPBody(page))))
        }
    }

    func postStaffSignIn(_ input: Operations.PostStaffSignIn.Input) async throws -> Operations.PostStaffSignIn.Output {
        guard case .urlEncodedForm(let form) = input.body else { throw Problem.unsupportedMediaType }
        func html(_ page: String) -> Operations.PostStaffSignIn.Output {
            .ok(.init(headers: .init(cacheControl: "no-store"), body: .html(HTTPBody(page))))
        }
        if let challenge = form.challengeId, let device = form.deviceId, let code = form.code {
            let retry = { (message: String) in
                html(StaffSignInPage.code(challengeID: challenge, deviceID: device, sentTo: "your work phone", error: message))
            }
            guard let challengeID = UUID(uuidString: challenge), let deviceID = try? DeviceID.validated(device) else {
                return html(StaffSignInPage.employeeNumber(error: "The sign-in expired. Start again."))
            }
            guard code.count == 6, code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return retry("The code has six digits.") }
            do {
                let cookie = try await staffAuth.exchange(challengeID: challengeID, code: code, deviceID: deviceID)
                return .seeOther(.init(headers: .init(location: "/staff", setCookie: cookie.setCookie)))
            } catch let problem as Problem where problem.code == "auth.invalidCode" {
                return retry(problem.detail ?? problem.title)
            } catch let problem as Problem {
                return html(StaffSignInPage.employeeNumber(error: problem.detail ?? problem.title))
            }
        }
        let number = (form.employeeNumber ?? "").trimmingCharacters(in: .whitespaces)
        guard !number.isEmpty, number.count <= 32 else { return html(StaffSignInPage.employeeNumber(error: "Give your employee number.")) }
        do {
            let started = try await staffAuth.requestCode(employeeNumber: number)
            return html(
                StaffSignInPage.code(
                    challengeID: started.challengeID.uuidString,
                    deviceID: started.deviceID.rawValue,
                    sentTo: started.sentTo
                )
            )
        } catch let problem as Problem {
            return html(StaffSignInPage.employeeNumber(error: problem.detail ?? problem.title, employeeNumber: number))
        }
    }

    func postStaffSignOut(_ input: Operations.PostStaffSignOut.Input) async throws -> Operations.PostStaffSignOut.Output {
        await staffAuth.signOut(cookieHeader: input.headers.cookie)
        return .seeOther(.init(headers: .init(location: "/staff/sign-in", setCookie: StaffCookie.clear)))
    }
}
