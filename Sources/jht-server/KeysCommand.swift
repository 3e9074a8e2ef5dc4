import ArgumentParser
import Foundation
import Server

/// `jht-server keys list | rotate | retire`: the signing keys in the key file. Keys never
/// leave the file; these commands print key ids and dates only.
///
/// Rotation without signing anyone out: `rotate` adds a key that only verifies at first and
/// signs from `--activate-in` seconds later (every running server reads the changed file within
/// 10 seconds); once the old key has not signed for the life of an access token (15 minutes),
/// `retire` it and tokens it signed stop working.
struct KeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keys",
        abstract: "List, rotate and retire the keys that sign tokens.",
        subcommands: [List.self, Rotate.self, Retire.self],
        defaultSubcommand: List.self
    )

    /// Which key file: `--signing-keys`, else the one beside `--database` (as the server finds it).
    struct FileOptions: ParsableArguments {
        @Option(help: "The signing key file.")
        var signingKeys = ProcessInfo.processInfo.environment["JHT_SIGNING_KEYS_FILE"]

        @Option(help: "The database the server runs on; its key file is beside it.")
        var database = ProcessInfo.processInfo.environment["JHT_DATABASE"] ?? "data/jht-sync.sqlite"

        var file: SigningKeyFile {
            get throws { SigningKeyFile(path: try signingKeys ?? SigningKeyFile.defaultPath(for: DatabaseLocation(database))) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the keys (ids and dates, never secrets).")
        @OptionGroup var options: FileOptions

        func run() throws {
            let file = try options.file
            let ring = try file.read()
            let now = Date()
            print("Signing keys in \(file.path):")
            for key in ring.keys {
                var state = key.retiredAt.map { $0 <= now ? "retired \(Self.show($0))" : "retires \(Self.show($0))" } ?? "verifies"
                if key.kid == ring.signing(at: now)?.kid { state = "signs (and verifies)" }
                if key.activatesAt > now { state = "verifies; signs from \(Self.show(key.activatesAt))" }
                print("  \(key.kid)  created \(Self.show(key.createdAt))  \(state)")
            }
        }

        static func show(_ date: Date) -> String { date.formatted(.iso8601) }
    }

    struct Rotate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a new key that signs from a little later; older keys keep verifying."
        )
        @OptionGroup var options: FileOptions

        @Option(help: "Seconds until the new key signs (every running server reads the file within 10 s).")
        var activateIn: Double = 60

        func run() throws {
            let file = try options.file
            var ring = try file.read()
            let previous = ring.signing(at: Date())
            let key = ring.rotate(at: Date(), activationDelay: activateIn)
            try file.write(ring)
            print("Added \(key.kid): it verifies now and signs from \(List.show(key.activatesAt)).")
            if let previous {
                let safe = key.activatesAt.addingTimeInterval(TimeInterval(TokenService.defaultAccessTokenLifetime))
                print("Retire \(previous.kid) after \(List.show(safe)): jht-server keys retire \(previous.kid)")
            }
        }
    }

    struct Retire: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop a key verifying; tokens it signed stop working.")
        @OptionGroup var options: FileOptions

        @Argument(help: "The key id (see jht-server keys list).")
        var kid: String

        @Flag(help: "Retire it even though tokens it signed may still be valid (their holders must refresh or sign in).")
        var force = false

        func run() throws {
            let file = try options.file
            var ring = try file.read()
            do {
                try ring.retire(kid: kid, at: Date(), tokenLifetime: TimeInterval(TokenService.defaultAccessTokenLifetime), force: force)
            } catch {
                throw ValidationError(error.description)
            }
            try file.write(ring)
            print("Retired \(kid): tokens it signed no longer verify.")
        }
    }
}
