import Foundation
import Models

/// The civil registry (Dukcapil): the authority on a person's NIK, name and birth date.
/// Outside our walls; the back office checks every claim against it.
public protocol CivilRegistry: Sendable {
    /// The registry's record of `nik`, or `nil` when the registry has no such NIK.
    /// - Throws: when the registry cannot be reached (a transient fault: nothing changes).
    func lookUp(nik: NIK) async throws -> CivilRegistryRecord?
}

/// What the civil registry holds about a person.
public struct CivilRegistryRecord: Hashable, Sendable {
    public var nik: NIK
    public var name: String
    public var birthDate: LocalDate

    public init(nik: NIK, name: String, birthDate: LocalDate) {
        self.nik = nik
        self.name = name
        self.birthDate = birthDate
    }
}

/// A civil registry that answers from a fixed table, deterministically: the registry for
/// demos and tests. People not in the table are unknown to it (an NIK mismatch).
public struct FakeCivilRegistry: CivilRegistry {
    let records: [NIK: CivilRegistryRecord]

    public init(records: [CivilRegistryRecord]) {
        self.records = Dictionary(records.map { ($0.nik, $0) }, uniquingKeysWith: { _, last in last })
    }

    public func lookUp(nik: NIK) async throws -> CivilRegistryRecord? { records[nik] }
}

/// No registry is connected (production without an adapter): every look-up fails with a
/// clear error, and the claim stays where it is.
public struct UnconfiguredCivilRegistry: CivilRegistry {
    public init() {}

    public func lookUp(nik: NIK) async throws -> CivilRegistryRecord? {
        throw AdapterUnavailable(adapter: "civil registry", detail: "no civil registry adapter is configured")
    }
}

/// An adapter to a system outside our walls cannot answer now.
public struct AdapterUnavailable: Error, CustomStringConvertible {
    public var adapter: String
    public var detail: String

    public init(adapter: String, detail: String) {
        self.adapter = adapter
        self.detail = detail
    }

    public var description: String { "\(adapter) unavailable: \(detail)" }
}
