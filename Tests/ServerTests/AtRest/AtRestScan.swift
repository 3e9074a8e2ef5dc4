import Foundation
import Models
import PostgresNIO
import Server
import Testing

/// What the at-rest tests look for in stored bytes, and where.
enum AtRestScan {
    /// Each demo participant's bank account in the scenarios: ten digits of their own (the demo
    /// bank's numbers for those it knows), never a run that is part of another needle.
    static func bankNumber(_ account: ParticipantAccount) -> String {
        let known = DemoData.bankAccounts.first { $0.holderName == account.participant.name.uppercased() }
        return known?.number ?? "88" + account.participant.nik.rawValue.suffix(8)
    }

    /// Every demo participant's full NIK, KPJ, phone number (`+62…` and `08…`) and bank account
    /// number, as text: the forms they are stored and sent in.
    static var needles: [String] {
        DemoData.people.flatMap { person -> [String] in
            let participant = person.account.participant
            var needles = [participant.nik.rawValue, participant.kpj.rawValue, bankNumber(person.account)]
            if let phone = participant.phone?.rawValue { needles += [phone, "0" + phone.dropFirst(3)] }
            return needles
        }
    }

    /// The needles found in the files' bytes, with the file. A file that is not there (a WAL
    /// removed at close, a relation file PostgreSQL dropped meanwhile) holds nothing.
    static func findings(in files: [URL], needles: [String] = needles) throws -> [String] {
        var found: [String] = []
        for file in files where FileManager.default.fileExists(atPath: file.path) {
            guard let bytes = try? Data(contentsOf: file) else { continue }
            for needle in needles where bytes.range(of: Data(needle.utf8)) != nil {
                found.append("\(needle) in \(file.lastPathComponent)")
            }
        }
        return found
    }

    /// ``findings(in:needles:)`` for every needle, with the figures printed (counts only, never
    /// a value) so a run's log says how much was scanned.
    static func scan(_ files: [URL], in store: String) throws -> [String] {
        let found = try findings(in: files)
        let scanned = files.filter { FileManager.default.fileExists(atPath: $0.path) }
        let bytes = scanned.reduce(0) { $0 + ((try? $1.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0) }
        print(
            "at-rest scan (\(store)): \(DemoData.people.count) participants, \(needles.count) values, "
                + "\(scanned.count) files, \(bytes) bytes, \(found.count) hits"
        )
        return found
    }

    /// Every regular file below `folder`.
    static func files(under folder: URL) -> [URL] {
        let all = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        var files: [URL] = []
        while let url = all?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true { files.append(url) }
        }
        return files
    }

    /// A KTP scan as a phone sends it: a JPEG whose bytes carry the card's text (the NIK).
    static func ktpScan(of account: ParticipantAccount) -> [UInt8] {
        SampleFile.make(.jpeg, size: 4_000) + Array("NIK \(account.participant.nik.rawValue) \(account.participant.name)".utf8)
    }

    /// The PostgreSQL files of `database`: the dump `pg_dump` writes, and, when this process may
    /// read the server's data folder (the tests run as its owner or root), the database's
    /// relation files after a checkpoint.
    static func postgresFiles(
        of database: PostgresLocation,
        in folder: URL,
        connection: PostgresConnection,
        logger: Logger
    ) async throws -> (dump: URL, relations: [URL]) {
        try await connection.query("CHECKPOINT", logger: logger)
        let dataDirectory = try await connection.query("SHOW data_directory", logger: logger).collect().first?.decode(String.self)
        let oid = try await connection.query("SELECT oid::text FROM pg_database WHERE datname = current_database()", logger: logger)
            .collect().first?.decode(String.self)
        var relations: [URL] = []
        if let dataDirectory, let oid {
            let base = URL(fileURLWithPath: dataDirectory).appendingPathComponent("base").appendingPathComponent(oid)
            if FileManager.default.isReadableFile(atPath: base.path) { relations = files(under: base) }
        }
        let dump = folder.appendingPathComponent("dump.sql")
        let process = Process()
        process.executableURL = try pgDump()
        process.arguments = [
            "--host", database.host, "--port", "\(database.port)", "--username", database.username, "--no-owner", "--file", dump.path,
            database.database,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "pg_dump ran")
        return (dump, relations)
    }

    /// `pg_dump` of the installed PostgreSQL (Debian keeps it per major version, off the PATH).
    static func pgDump() throws -> URL {
        let folders =
            ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? [])
            .sorted { $0.compare($1, options: .numeric) == .orderedDescending }
            .map { "/usr/lib/postgresql/\($0)/bin" } + ["/usr/bin", "/usr/local/bin"]
        let found = folders.map { URL(fileURLWithPath: $0).appendingPathComponent("pg_dump") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
        return try #require(found, "pg_dump is installed (scripts/install-deps.sh installs postgresql)")
    }
}
