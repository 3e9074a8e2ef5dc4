import APITypes
import Foundation
import Hummingbird
import Logging
import Metrics
import Models
import OpenAPIHummingbird
import OpenAPIRuntime
import Prometheus

/// What the service runs on. `main` passes production values; tests pass an in-memory store,
/// a fixed clock or a code sender that hands codes to the test.
public struct ServerDependencies: Sendable {
    public var store: any Store
    /// Where document bytes live: the folder of `blobsPath` in ``live(for:logger:)``; in
    /// memory when not given (tests, the simulator).
    public var blobs: any BlobStore
    public var codeSender: any CodeSender
    /// The one clock every service reads and every periodic job waits on (``ServiceClock``).
    public var clock: ServiceClock
    /// The clock's reading. Setting it replaces ``clock`` with one that reads the closure.
    public var now: @Sendable () -> Date {
        get { clock.reader }
        set { clock = ServiceClock(now: newValue) }
    }
    public var logger: Logger
    /// The civil registry the back office verifies identities against.
    public var civilRegistry: any CivilRegistry
    /// The bank finance pays claims through.
    public var bank: any BankGateway
    /// The keys that sign tokens: from the key file or the environment in ``open(for:logger:)``;
    /// made up in memory when not given (tests, one process).
    public var signingKeys: SigningKeys

    public init(
        store: any Store,
        blobs: any BlobStore = InMemoryBlobStore(),
        codeSender: any CodeSender,
        now: @escaping @Sendable () -> Date = { Date() },
        clock: ServiceClock? = nil,
        logger: Logger,
        civilRegistry: any CivilRegistry = UnconfiguredCivilRegistry(),
        bank: any BankGateway = UnconfiguredBankGateway(),
        signingKeys: SigningKeys = .inMemory()
    ) {
        self.store = store
        self.blobs = blobs
        self.codeSender = codeSender
        self.clock = clock ?? ServiceClock(now: now)
        self.logger = logger
        self.civilRegistry = civilRegistry
        self.bank = bank
        self.signingKeys = signingKeys
    }

    /// The defaults for a configuration whose database is a SQLite file: that file and, in demo
    /// mode, the demo code sender. A PostgreSQL URL needs ``open(for:logger:)``.
    public static func live(for configuration: ServerConfiguration, logger: Logger) throws -> ServerDependencies {
        let location = try DatabaseLocation(configuration.databasePath)
        guard case .sqlite(let path) = location else {
            throw ConfigurationError(message: "a PostgreSQL database is opened with ServerDependencies.open(for:logger:)")
        }
        let keys = try signingKeys(for: configuration, at: location, logger: logger)
        let store = try SQLiteStore(path: path, keyEncryption: keys.keyEncryption)
        return try defaults(store: store, atRestKeys: store.atRestKeys, keys: keys, for: configuration, logger: logger)
    }

    /// The defaults for a configuration: the store it names (a SQLite file, or a PostgreSQL
    /// database, connected and migrated) and, in demo mode, the demo code sender.
    public static func open(for configuration: ServerConfiguration, logger: Logger) async throws -> ServerDependencies {
        let location = try DatabaseLocation(configuration.databasePath)
        let keys = try signingKeys(for: configuration, at: location, logger: logger)
        let store = try await openStore(at: location, keyEncryption: keys.keyEncryption, logger: logger)
        return try defaults(store: store, atRestKeys: store.atRestKeys, keys: keys, for: configuration, logger: logger)
    }

    /// The store `location` names, migrated, its personal data sealed with data keys that
    /// `keyEncryption` wraps (the key file's key-encryption keys).
    public static func openStore(
        at location: DatabaseLocation,
        keyEncryption: KeyEncryptionKeyRing,
        logger: Logger
    ) async throws -> any Store {
        switch location {
        case .sqlite(let path): try SQLiteStore(path: path, keyEncryption: keyEncryption)
        case .postgres(let postgres): try await PostgresStore.connect(to: postgres, keyEncryption: keyEncryption, logger: logger)
        }
    }

    /// The key file's keys (or `JHT_SIGNING_KEYS`'): they sign tokens and wrap the data keys.
    private static func signingKeys(
        for configuration: ServerConfiguration,
        at location: DatabaseLocation,
        logger: Logger
    ) throws -> SigningKeys {
        let keyFile = configuration.signingKeysPath ?? SigningKeyFile.defaultPath(for: location)
        let (keys, created) = try SigningKeys.open(path: keyFile)
        if created { logger.notice("created the signing key file (mode 0600)", metadata: ["path": "\(keyFile)"]) }
        return keys
    }

    private static func defaults(
        store: any Store,
        atRestKeys: AtRestKeys,
        keys: SigningKeys,
        for configuration: ServerConfiguration,
        logger: Logger
    ) throws -> ServerDependencies {
        let sender: any CodeSender =
            configuration.demo
            ? DemoCodeSender(logger: logger)
            : RandomCodeSender { _, phone in
                throw ConfigurationError(message: "no SMS gateway is configured; cannot send a code to \(phone.masked)")
            }
        let blobs = try FileBlobStore(path: configuration.blobsPath, keys: atRestKeys)
        let sealed = try blobs.sealPlainFiles()
        if sealed > 0 { logger.notice("sealed the documents written before sealing", metadata: ["files": "\(sealed)"]) }
        var dependencies = ServerDependencies(
            store: store,
            blobs: blobs,
            codeSender: sender,
            clock: configuration.clock(),
            logger: logger,
            signingKeys: keys
        )
        if configuration.demo {
            // Outside our walls: realistic fakes with the demo's registry and bank cases.
            dependencies.civilRegistry = DemoPopulation.civilRegistry(count: configuration.demoPopulation)
            dependencies.bank = DemoPopulation.bank(count: configuration.demoPopulation)
        }
        return dependencies
    }
}

/// Builds the whole application. `jht-server`, the tests and the simulator's in-process mode
/// all call this one function.
public func buildApplication(
    configuration: ServerConfiguration,
    dependencies: ServerDependencies,
    onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
) async throws -> some ApplicationProtocol {
    let logger = dependencies.logger
    let store = dependencies.store
    if dependencies.clock.isSimulated, !configuration.demo {
        throw ConfigurationError(message: "a simulated clock runs only in demo mode")
    }
    if configuration.demo, try await DemoData.seedIfEmpty(store) {
        logger.info("seeded demo data", metadata: ["participants": "\(DemoData.people.count)", "officers": "\(DemoData.officers.count)"])
    }
    if configuration.demo, configuration.demoPopulation > 0 {
        let added = try await DemoPopulation.seed(store, count: configuration.demoPopulation) { done in
            logger.info("seeding the demo population", metadata: ["members": "\(done)/\(configuration.demoPopulation)"])
        }
        if added > 0 { logger.info("seeded the demo population", metadata: ["members": "\(added)"]) }
    }
    guard dependencies.signingKeys.ring.signing(at: dependencies.now()) != nil else {
        throw ConfigurationError(message: "no signing key is active now (every key is retired or activates later)")
    }
    // Sign-ins ended recently: their access tokens are refused from the first request on.
    let revoked = RevokedSessions(retention: TimeInterval(TokenService.defaultAccessTokenLifetime))
    revoked.insert(try await store.revokedFamilies(since: dependencies.now().addingTimeInterval(-revoked.retention)))
    let tokens = TokenService(keys: dependencies.signingKeys, revoked: revoked)
    let signIn = SignInService(
        store: store,
        tokens: tokens,
        codeSender: dependencies.codeSender,
        limits: configuration.signIn,
        logger: logger,
        now: dependencies.now
    )
    let clock = ServerClock(now: dependencies.now)
    let hub = PushHub()
    let writer = BucketWriter(store: store, hub: hub, logger: logger)
    let sync = SyncService(
        store: store,
        writer: writer,
        cursors: CursorCodec(keys: dependencies.signingKeys, now: dependencies.now),
        clock: clock,
        configuration: configuration,
        logger: logger,
        now: dependencies.now
    )
    try await sync.publishReference(try await store.branches())
    let office = ClaimOffice(
        store: store,
        writer: writer,
        clock: clock,
        configuration: configuration,
        registry: dependencies.civilRegistry,
        bank: dependencies.bank,
        logger: logger,
        now: dependencies.now
    )
    let fallback = FallbackService(
        store: store,
        writer: writer,
        clock: clock,
        configuration: configuration,
        logger: logger,
        now: dependencies.now
    )
    let uploads = UploadService(
        store: store,
        blobs: dependencies.blobs,
        limits: configuration.uploads,
        logger: logger,
        now: dependencies.now
    )
    let ledger = LedgerService(writer: writer, clock: clock, logger: logger, now: dependencies.now)
    let documents = DocumentAccess(store: store, blobs: dependencies.blobs, logger: logger)
    let handler = APIHandler(
        store: store,
        signIn: signIn,
        sync: sync,
        office: office,
        fallback: fallback,
        uploads: uploads,
        ledger: ledger,
        documents: documents,
        configuration: configuration,
        metrics: MetricsBootstrap.registry,
        logger: logger,
        clock: dependencies.clock
    )

    let router = Router(context: ServiceRequestContext.self)
    let routes = RouteTable()
    router.add(middleware: RequestLogMiddleware(level: .info))
    router.add(middleware: NoStoreMiddleware())
    router.add(middleware: RequestMetricsMiddleware())
    router.add(middleware: TusMiddleware())
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: MethodNotAllowedMiddleware(routes: routes))
    router.add(middleware: ClientAddressMiddleware(trustedProxies: configuration.trustedProxies))
    let bodyLimits = BodyLimits(uploadMaxBytes: configuration.uploads.maxBytes)
    router.add(middleware: BodyLimitMiddleware(limits: bodyLimits))
    router.add(middleware: AuthenticationMiddleware(tokens: tokens, now: dependencies.now))
    router.add(middleware: ResponseHeaderMiddleware())
    // The generated layer's coders are set like ``JSONCoding``: RFC 3339 dates, sorted keys (the
    // runtime's default also pretty-prints every answer).
    try handler.registerHandlers(
        on: RecordingTransport(base: router, table: routes),
        configuration: Configuration(dateTranscoder: RFC3339DateTranscoder(), jsonEncodingOptions: [.sortedKeys]),
        middlewares: [RawHeaderMiddleware()]
    )

    var app = Application(
        responder: HeldStreamResponder(base: router.buildResponder()),
        server: .http1(configuration: .guarded(limits: bodyLimits, timeouts: configuration.timeouts)),
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "jht-sync"),
        services: [
            NoShowSweeper(
                fallback: fallback,
                interval: .seconds(configuration.appointments.sweepIntervalSeconds),
                clock: dependencies.clock
            )
        ],
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
    app.addServices(
        SLAMonitor(
            store: store,
            writer: writer,
            clock: clock,
            configuration: configuration,
            logger: logger,
            now: dependencies.now,
            serviceClock: dependencies.clock
        )
    )
    app.addServices(UploadSweeper(uploads: uploads, logger: logger, clock: dependencies.clock))
    app.addServices(LiveHeartbeat(hub: hub))
    if case .file = dependencies.signingKeys.source {
        app.addServices(SigningKeyReloader(keys: dependencies.signingKeys, dataKeys: store, logger: logger))
    }
    if let shared = store as? any CommitAnnouncing {
        // Several processes on one database: pokes for commits made elsewhere come from the store.
        app.addServices(CommitListener(store: shared, hub: hub, logger: logger))
    }
    if let shared = store as? any AuthStore & RevocationAnnouncing {
        // Sign-ins ended by another process end here too.
        app.addServices(RevocationListener(store: shared, revoked: revoked, logger: logger, now: dependencies.now))
    }
    return app
}

/// Metrics go to one Prometheus registry per process; the global metrics system can be
/// bootstrapped only once, so the registry is created (and bootstrapped) on first use.
enum MetricsBootstrap {
    static let registry: PrometheusCollectorRegistry = {
        let registry = PrometheusCollectorRegistry()
        MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
        return registry
    }()
}
