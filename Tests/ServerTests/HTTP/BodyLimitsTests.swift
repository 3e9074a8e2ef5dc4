import HTTPTypes
import Testing

@testable import Server

/// Every route's body limit is the one the contract states, and requests find their route's.
@Suite("Body limits")
struct BodyLimitsTests {
    let limits = BodyLimits(uploadMaxBytes: 10 * 1024 * 1024)

    @Test func everyOperationOfTheContractStatesTheLimitTheServerApplies() throws {
        #expect(Contract.operations.count == BodyLimits.routes.count, "one limit per operation")
        for operation in Contract.operations {
            let limit = try #require(operation.bodyLimit, "\(operation) states no x-body-limit")
            let route = try #require(
                BodyLimits.routes.first { $0.method == operation.method && $0.path == operation.path },
                "\(operation) has no row in BodyLimits.routes"
            )
            switch route.limit {
            case .bytes(let bytes): #expect(limit == String(bytes), "\(operation)")
            case .uploadLimit: #expect(limit == "Tus-Max-Size", "\(operation)")
            }
            #expect(operation.statuses.contains(413), "\(operation) does not declare its 413")
            if !operation.hasBody { #expect(limit == "1024", "\(operation) takes no body: a stray one of 1 KiB at most") }
        }
    }

    @Test func requestsFindTheirRoutesLimit() {
        #expect(limits.limit(method: .post, path: "/v1/sync/push") == 2 * 1024 * 1024)
        #expect(limits.limit(method: .post, path: "/v1/auth/token") == 4096)
        #expect(limits.limit(method: .patch, path: "/v1/uploads/8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10") == 10 * 1024 * 1024)
        #expect(limits.limit(method: .post, path: "/v1/office/claims/8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10/reject") == 65536)
        #expect(limits.limit(method: .post, path: "/v1/office/claims/8c1c7a52-53c1-4a44-9d7e-e3d53a8c7a10/pay") == 1024)
        #expect(limits.limit(method: .get, path: "/v1/sync/pull?cursor=5&limit=10") == 1024, "the query string is not part of the route")
        #expect(limits.limit(method: .post, path: "/v1/nowhere") == BodyLimits.unknownRoute)
        #expect(limits.limit(method: .get, path: "/v1/sync/push") == BodyLimits.unknownRoute, "methods matter")
    }
}
