import Foundation
import Testing

/// What an app links: the products an iOS app adds (the domain, the sync core, the phone's
/// client and the typed client) reach none of the packages only the server needs. The NIO
/// transport (`SyncHTTP`) stays for the simulator and the benchmarks, outside these products.
@Suite("What an app links")
struct AppProductGraphTests {
    /// The package's root folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let appProducts = ["Models", "Sync", "PhoneSync", "APIClient"]
    static let serverOnly = ["swift-nio", "async-http-client", "hummingbird", "postgres-nio"]

    @Test func appFacingProductsReachNoServerPackage() throws {
        var graph = try PackageGraph(root: Self.root)
        for product in Self.appProducts {
            let reached = try graph.packagesReached(fromProducts: [product])
            for package in Self.serverOnly {
                let path = reached[package]?.map(\.description).joined(separator: " -> ") ?? ""
                #expect(reached[package] == nil, "\(product) links \(package): \(path)")
            }
        }
        // The walk sees through packages: the phone's client reaches its real dependencies...
        let phone = try graph.packagesReached(fromProducts: ["PhoneSync"])
        for package in [
            "grdb.swift", "swift-crypto", "swift-openapi-urlsession", "swift-openapi-runtime", "swift-http-types",
        ] {
            #expect(phone[package] != nil, "PhoneSync should reach \(package)")
        }
        // ...and would catch a server package: the server and the simulator reach all four.
        let server = try graph.packagesReached(fromProducts: ["Server", "jht-sim"], stoppingAt: Set(Self.serverOnly))
        for package in Self.serverOnly {
            #expect(server[package] != nil, "Server and jht-sim should reach \(package)")
        }
    }
}
