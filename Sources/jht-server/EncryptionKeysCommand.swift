import ArgumentParser
import Foundation
import Logging
import Server

// The keys that seal personal data at rest: key-encryption keys in the key file wrap the data
// keys the database holds. A rotation adds a key-encryption key, rewraps every data key with
// it and adds a data key that seals from a little later; `reseal` then seals every value again
// under that key, and `retire-encryption` drops a key-encryption key nothing is wrapped by.
extension KeysCommand {
    /// The database and blob folder the server uses, opened with the key file's keys.
    struct StoreOptions: ParsableArguments {
        @OptionGroup var file: FileOptions

        @Option(help: "Folder of the document blob store.")
        var blobs = ProcessInfo.processInfo.environment["JHT_BLOBS"] ?? "data/blobs"

        /// Runs `body` with the store and blob folder open, then closes them.
        func withStore<T>(_ ring: SigningKeyRing, _ body: (any Store, FileBlobStore) async throws -> T) async throws -> T {
            var logger = Logger(label: "jht-server.keys")
            logger.logLevel = .warning
            let store = try await ServerDependencies.openStore(
                at: try DatabaseLocation(file.database),
                keyEncryption: ring.keyEncryption,
                logger: logger
            )
            let postgres = store as? PostgresStore
            do {
                let result = try await body(store, try FileBlobStore(path: blobs, keys: store.atRestKeys))
                await postgres?.shutdown()
                return result
            } catch {
                await postgres?.shutdown()
                throw error
            }
        }
    }

    struct RotateEncryption: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-encryption",
            abstract: "Add a key-encryption key, rewrap every data key with it, and add a data key that seals from a little later."
        )
        @OptionGroup var options: StoreOptions

        @Option(help: "Seconds until the new data key seals (every running server reads the keys again within 10 s).")
        var activateIn: Double = 60

        func run() async throws {
            let file = try options.file.file
            var ring = try file.read()
            let now = Date()
            let previous = ring.keyEncryptionKeys.map(\.kid)
            let added = KeyEncryptionKey.make(at: now)
            ring.keyEncryptionKeys.append(added)
            // The file first: whatever the database then holds wrapped by the new key, every
            // process can unwrap.
            try file.write(ring)
            let dataKey = try await options.withStore(ring) { store, _ in
                let (keys, added) = try WrappedDataKey.rotated(
                    try await store.dataKeys(),
                    with: ring.keyEncryption,
                    at: now,
                    activationDelay: activateIn
                )
                try await store.save(dataKeys: keys)
                return added
            }
            // Written again so running servers notice and read the new data key before it seals.
            try file.write(ring)
            print("Added key-encryption key \(added.kid); every data key is now wrapped by it.")
            print("Added data key \(dataKey.kid): it opens now and seals from \(List.show(dataKey.activatesAt)).")
            print("Then seal what is stored under the older keys again: jht-server keys reseal")
            for kid in previous { print("Retire \(kid) when you like: jht-server keys retire-encryption \(kid)") }
        }
    }

    struct RetireEncryption: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retire-encryption",
            abstract: "Remove a key-encryption key from the key file once no data key is wrapped by it."
        )
        @OptionGroup var options: StoreOptions

        @Argument(help: "The key-encryption key's id (see jht-server keys list).")
        var kid: String

        func run() async throws {
            let file = try options.file.file
            var ring = try file.read()
            guard ring.keyEncryptionKeys.contains(where: { $0.kid == kid }) else { throw ValidationError("No key-encryption key \(kid).") }
            guard ring.keyEncryptionKeys.count > 1 else { throw ValidationError("\(kid) is the only key-encryption key.") }
            let wrapped = try await options.withStore(ring) { store, _ in
                try await store.dataKeys().filter { $0.wrappedBy == kid }.map(\.kid)
            }
            guard wrapped.isEmpty else {
                throw ValidationError(
                    "Data keys \(wrapped.joined(separator: ", ")) are wrapped by \(kid); run jht-server keys rotate-encryption first."
                )
            }
            ring.keyEncryptionKeys.removeAll { $0.kid == kid }
            try file.write(ring)
            print("Retired \(kid): it is gone from \(file.path).")
        }
    }

    struct Reseal: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every stored value and document again under the data key that seals now."
        )
        @OptionGroup var options: StoreOptions

        func run() async throws {
            let ring = try options.file.file.read()
            let (kid, values, files) = try await options.withStore(ring) { store, blobs in
                (store.atRestKeys.cipher.sealingKid(), try await store.resealAll(), try await blobs.sealFiles(resealing: true))
            }
            print("Sealed \(values) values and \(files) documents again under data key \(kid).")
        }
    }
}
