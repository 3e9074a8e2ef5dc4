import Foundation

/// The package's product graph as SwiftPM reads it: each package's manifest from
/// `swift package dump-package` (the root and the checkouts in `.build/checkouts`), walked from
/// products to targets to the products of other packages they depend on.
struct PackageGraph {
    /// A dependency of a target, as a manifest declares it.
    enum Dependency: Hashable {
        case target(String)
        case product(String, package: String)
        case byName(String)
    }

    /// What the walk needs of one manifest.
    struct Manifest {
        var products: [String: [String]] = [:]
        var targets: [String: [Dependency]] = [:]
    }

    /// A product or target reached, in the package that declares it.
    struct Node: Hashable, CustomStringConvertible {
        var package: String
        var name: String
        var description: String { "\(name) (\(package))" }
    }

    let root: URL
    private var manifests: [String: Manifest] = [:]
    private let checkouts: [String: URL]

    init(root: URL) throws {
        self.root = root
        let folder = root.appendingPathComponent(".build/checkouts")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        checkouts = Dictionary(uniqueKeysWithValues: names.map { ($0.lowercased(), folder.appendingPathComponent($0)) })
    }

    /// The packages reached from `products` of the root package, each with the path that
    /// reached it first. With `wanted`, the walk ends as soon as all of those are reached.
    mutating func packagesReached(fromProducts products: [String], stoppingAt wanted: Set<String>? = nil) throws -> [String: [Node]] {
        var reached: [String: [Node]] = [:]
        var seen: Set<Node> = []
        var queue: [(node: Node, isProduct: Bool, path: [Node])] = products.map { (Node(package: "", name: $0), true, []) }
        while !queue.isEmpty {
            let (node, isProduct, path) = queue.removeFirst()
            guard seen.insert(Node(package: node.package, name: (isProduct ? "product:" : "target:") + node.name)).inserted else {
                continue
            }
            let here = path + [node]
            if !node.package.isEmpty, reached[node.package] == nil { reached[node.package] = here }
            if let wanted, wanted.isSubset(of: reached.keys) { return reached }
            let manifest = try manifest(node.package)
            if isProduct {
                for target in manifest.products[node.name] ?? [] { queue.append((Node(package: node.package, name: target), false, here)) }
                continue
            }
            for dependency in manifest.targets[node.name] ?? [] {
                switch dependency {
                case .target(let name):
                    queue.append((Node(package: node.package, name: name), false, here))
                case .product(let name, let package):
                    queue.append((Node(package: package.lowercased(), name: name), true, here))
                case .byName(let name):
                    if manifest.targets[name] != nil {
                        queue.append((Node(package: node.package, name: name), false, here))
                    } else {
                        // A product named like its package (`.byName` across packages).
                        queue.append((Node(package: name.lowercased(), name: name), true, here))
                    }
                }
            }
        }
        return reached
    }

    /// The manifest of a package (`""` is the root), read once.
    private mutating func manifest(_ package: String) throws -> Manifest {
        if let known = manifests[package] { return known }
        let folder: URL
        if package.isEmpty {
            folder = root
        } else if let checkout = checkouts[package] {
            folder = checkout
        } else {
            throw GraphError.noCheckout(package)
        }
        let manifest = try Self.parse(try Self.dumpPackage(at: folder))
        manifests[package] = manifest
        return manifest
    }

    enum GraphError: Error {
        case noCheckout(String)
        case dumpFailed(String)
    }

    /// `swift package dump-package` of the package at `folder`. A scratch folder of its own
    /// keeps it off the lock of the `swift test` that runs this test; dump-package resolves
    /// nothing.
    static func dumpPackage(at folder: URL) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("jht-dump-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swift", "package", "--package-path", folder.path, "--scratch-path", scratch.path, "dump-package"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GraphError.dumpFailed(folder.path) }
        return data
    }

    /// The products and target dependencies of a `dump-package` document.
    static func parse(_ data: Data) throws -> Manifest {
        let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
        var manifest = Manifest()
        for product in json["products"] as? [[String: Any]] ?? [] {
            if let name = product["name"] as? String { manifest.products[name] = product["targets"] as? [String] ?? [] }
        }
        for target in json["targets"] as? [[String: Any]] ?? [] {
            guard let name = target["name"] as? String else { continue }
            manifest.targets[name] = (target["dependencies"] as? [[String: Any]] ?? []).compactMap { dependency in
                if let product = dependency["product"] as? [Any], let productName = product.first as? String {
                    return .product(productName, package: product.count > 1 ? (product[1] as? String ?? productName) : productName)
                }
                if let target = dependency["target"] as? [Any], let targetName = target.first as? String { return .target(targetName) }
                if let byName = dependency["byName"] as? [Any], let byNameName = byName.first as? String { return .byName(byNameName) }
                return nil
            }
        }
        return manifest
    }
}
