// swift-tools-version:6.1
import PackageDescription

/// Settings every target of ours shares: Swift 6 language mode (strict concurrency) and
/// explicit `any` for existentials.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "jht-sync",
    platforms: [.macOS(.v15), .iOS(.v18)],
    products: [
        .library(name: "Models", targets: ["Models"]),
        .library(name: "Sync", targets: ["Sync"]),
        .library(name: "APIClient", targets: ["APIClient"]),
        .library(name: "PhoneSync", targets: ["PhoneSync"]),
        .library(name: "Server", targets: ["Server"]),
        .executable(name: "jht-server", targets: ["jht-server"]),
        .executable(name: "jht-sim", targets: ["jht-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession.git", from: "1.4.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        // `swift package generate-documentation` for the app-facing targets (scripts/test.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
        // Tests only: read openapi/openapi.yaml to hold it against the code.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Pure domain: Foundation only, importable by an iOS app.
        .target(name: "Models", swiftSettings: strictSettings),
        // The sync engine's core, shared by phone and server: hybrid logical clock, mutations,
        // merge, record schemas, wire messages. Foundation and Models only.
        .target(name: "Sync", dependencies: ["Models"], swiftSettings: strictSettings),
        // Types generated once from openapi/openapi.yaml, shared by server, client and tests; the
        // sync wire schemas are Sync's own types (typeOverrides), so sync bodies decode once.
        .target(
            name: "APITypes",
            dependencies: ["Sync", .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // The typed HTTP client generated from the same contract.
        .target(
            name: "APIClient",
            dependencies: [
                "APITypes",
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        // What a phone app links: the replica (GRDB) with its outbox and upload queue, the sync
        // machine, and the transport over URLSession (FoundationNetworking on Linux), signing in
        // through the typed client. No NIO, AsyncHTTPClient, Hummingbird or PostgresNIO.
        .target(
            name: "PhoneSync",
            dependencies: [
                "Sync", "Models", "APIClient", "APITypes",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SHA-256 of queued documents and their chunks (CryptoKit on Apple platforms).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: strictSettings
        ),
        // The sync transport over HTTP (AsyncHTTPClient): push, pull, live pokes, token refresh.
        // Used by the simulator and the integration tests; an iOS app plugs in URLSession instead.
        .target(
            name: "SyncHTTP",
            dependencies: [
                "Sync", "PhoneSync", "Models",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The service as a library: `main`, the tests and the simulator build it the same way.
        .target(
            name: "Server",
            dependencies: [
                "Models", "Sync", "APITypes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "GRDB", package: "GRDB.swift"),
                // The PostgreSQL store (several server processes on one database).
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                // Blocking file I/O of the blob store runs on NIO's thread pool.
                .product(name: "NIOPosix", package: "swift-nio"),
                // The request guard in every connection's pipeline (body limits, slow bodies).
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            swiftSettings: strictSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "jht-server",
            dependencies: [
                "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The participant simulator: phones (replicas from Sync over real HTTP), officers and bad
        // networks at branch scale; `--server self` builds the service in process.
        .executableTarget(
            name: "jht-sim",
            dependencies: [
                "Server", "Sync", "PhoneSync", "SyncHTTP", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                // Replica files opened the way the simulator needs (see Phone.open).
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        // Benchmarks: numbers as ratios to a baseline measured in the same run (BENCHMARKS.md).
        .executableTarget(
            name: "jht-bench",
            dependencies: [
                "Server", "Sync", "PhoneSync", "SyncHTTP", "Models",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                // The scale-out and contributions figures read PostgreSQL's own statistics.
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Benchmarks/SyncBenchmarks",
            swiftSettings: strictSettings
        ),
        .testTarget(name: "ModelsTests", dependencies: ["Models"], swiftSettings: strictSettings),
        .testTarget(
            name: "SyncTests",
            dependencies: ["Sync", "PhoneSync", .product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        // The app-facing products reach none of the server's packages (reads the manifests with
        // `swift package dump-package`; depends on nothing of ours).
        .testTarget(name: "PackageGraphTests", swiftSettings: strictSettings),
        // The simulator's report, plots and progress (no I/O), and its scenarios end to end
        // against a real server process.
        .testTarget(
            name: "SimulatorTests",
            dependencies: [
                "jht-sim", "Models", "Sync", "Server",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "APIClient", "APITypes", "SyncHTTP", "PhoneSync",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // The SQLite store's own tests reach below the store protocol (append-only audit log).
                .product(name: "GRDB", package: "GRDB.swift"),
                // Each PostgreSQL test creates its own database on the test server.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // The authorization matrix reads answers' heads with AsyncHTTPClient.
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "Crypto", package: "swift-crypto"),
                // Graceful shutdown of a held live stream, without a server.
                .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
                // The authorization matrix and the body limits are read from openapi/openapi.yaml.
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // The hostile suite: real jht-server processes attacked over loopback only (oversized,
        // endless and slow bodies, kill -9 under concurrent pushes), so it keeps passing
        // whatever the storage underneath becomes.
        .testTarget(
            name: "HostileTests",
            dependencies: [
                // Server for its demo data only (who the privacy scans look for).
                "Server", "Sync", "PhoneSync", "SyncHTTP", "Models",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                // PRAGMA integrity_check on a killed server's database.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
