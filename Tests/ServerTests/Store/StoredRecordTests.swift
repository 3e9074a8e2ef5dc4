import Foundation
import Sync
import Testing

@testable import Server

/// A record's state as the stores keep it: what is written reads back the same, rows written as
/// JSON before still read, and a corrupt row is refused with an error, never a crash.
@Suite("Stored record")
struct StoredRecordTests {
    @Test func everyRecordReadsBackAsItWasWritten() throws {
        var random = SplitMix64(seed: 12)
        for _ in 0..<500 {
            let record = Self.record(&random)
            let stored = StoredRecord.encode(record)
            #expect(stored.first == StoredRecord.marker)
            #expect(try StoredRecord.decode(stored) == record)
        }
    }

    @Test func itReadsBackAsTheJSONFormDid() throws {
        var random = SplitMix64(seed: 13)
        for _ in 0..<200 {
            let record = Self.record(&random)
            let json = try StoredJSON.encoder.encode(record)
            let fromJSON = try StoredRecord.decode(json)
            #expect(fromJSON == (try StoredJSON.decoder.decode(SyncRecord.self, from: json)), "rows written as JSON read as before")
            #expect(try StoredRecord.decode(StoredRecord.encode(record)) == fromJSON, "the same value either way")
        }
        // A whole number held as a double reads back as the integer it is, as from JSON.
        let key = RecordKey(type: "claim", id: "c1")
        let clock = HLCTimestamp(millis: 1, counter: 0, node: "n")
        let whole = SyncRecord(key: key, fields: ["amount": .register(.init(value: .double(2.0), clock: clock))])
        #expect(try StoredRecord.decode(StoredRecord.encode(whole))["amount"] == .int(2))
    }

    @Test func aCorruptRowIsRefusedNotCrashedOn() throws {
        var random = SplitMix64(seed: 14)
        var refused = 0
        for _ in 0..<300 {
            let stored = Array(StoredRecord.encode(Self.record(&random)))
            // Cut short anywhere: always refused.
            let cut = Int.random(in: 1..<stored.count, using: &random)
            #expect(throws: (any Error).self) { try StoredRecord.decode(Data(stored.prefix(cut))) }
            // A byte changed: refused or read as some record, never a crash.
            var changed = stored
            let at = Int.random(in: 1..<changed.count, using: &random)
            changed[at] = UInt8.random(in: 0...255, using: &random)
            if (try? StoredRecord.decode(Data(changed))) == nil { refused += 1 }
            // Trailing bytes: refused.
            #expect(throws: StoredRecord.Corrupt.self) { try StoredRecord.decode(Data(stored + [0])) }
        }
        #expect(refused > 0)
        // A count far past the end, and nesting deeper than any phone writes.
        #expect(throws: StoredRecord.Corrupt.self) { try StoredRecord.decode(Data([StoredRecord.marker, 0xff, 0xff, 0xff, 0xff, 0x0f])) }
        var deep: [UInt8] = [StoredRecord.marker, 1, UInt8(ascii: "t"), 1, UInt8(ascii: "i"), 0, 1, 1, UInt8(ascii: "f"), 0]
        deep += Array(repeating: 6, count: 70).flatMap { [$0, 1] } + [0]
        #expect(throws: StoredRecord.Corrupt.self) { try StoredRecord.decode(Data(deep)) }
    }

    static func record(_ random: inout SplitMix64) -> SyncRecord {
        let strings = ["", "Siti", "Jl. Merdeka 7", "3171 0123", "é😀漢字", "line\nbreak", "\"quoted\""]
        func text() -> String { strings.randomElement(using: &random)! + String(Int.random(in: 0..<100, using: &random)) }
        func clock() -> HLCTimestamp {
            HLCTimestamp(
                millis: Int64.random(in: -5...1_900_000_000_000, using: &random),
                counter: UInt32.random(in: 0...UInt32.max, using: &random),
                node: text()
            )
        }
        func value(_ depth: Int) -> JSONValue {
            switch Int.random(in: 0..<(depth > 2 ? 6 : 8), using: &random) {
            case 0: .null
            case 1: .bool(Bool.random(using: &random))
            case 2: .int(Int64.random(in: .min ... .max, using: &random))
            case 3: .int(Int64.random(in: -300...300, using: &random))
            case 4: .double(Double.random(in: -1e6...1e6, using: &random) + 0.5)
            case 5: .string(text())
            case 6: .array((0..<Int.random(in: 0..<4, using: &random)).map { _ in value(depth + 1) })
            default:
                .object(Dictionary((0..<Int.random(in: 0..<4, using: &random)).map { _ in (text(), value(depth + 1)) }) { a, _ in a })
            }
        }
        var fields: [String: FieldState] = [:]
        for _ in 0..<Int.random(in: 0..<8, using: &random) {
            if Bool.random(using: &random) {
                fields[text()] = .register(.init(value: value(0), clock: clock()))
            } else {
                var elements: [String: FieldState.SetElement] = [:]
                for _ in 0..<Int.random(in: 0..<3, using: &random) {
                    elements[text()] = .init(
                        value: value(1),
                        clock: clock(),
                        adds: Set((0..<Int.random(in: 0..<3, using: &random)).map { _ in text() }),
                        removes: Set((0..<Int.random(in: 0..<2, using: &random)).map { _ in text() })
                    )
                }
                fields[text()] = .set(elements)
            }
        }
        return SyncRecord(key: RecordKey(type: text(), id: text()), fields: fields, deleted: Bool.random(using: &random))
    }
}
