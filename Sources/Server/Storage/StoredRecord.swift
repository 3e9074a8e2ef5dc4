import Foundation
import Sync

/// How both stores keep a record's state (`syncRecord.state`, before sealing): a compact binary
/// form, written and read without a JSON coder, because every push reads the records it merges
/// and writes them back. Rows written before it are JSON (``StoredJSON``) and still read.
///
/// The form, after the marker byte `0x01` (JSON text never starts with it): the key's type and
/// id, the deleted flag, then each field (its name, `0` and a register, or `1` and a set's
/// elements). Strings are a length and UTF-8 bytes, counts and lengths unsigned LEB128,
/// integers zigzag LEB128, doubles their 8 bytes little-endian; a value is a tag (null, false,
/// true, int, double, string, array, object) and its content.
enum StoredRecord {
    /// The first byte of the binary form.
    static let marker: UInt8 = 0x01
    /// The deepest nesting of arrays and objects read back (a phone's values are much flatter).
    static let maxDepth = 64

    /// Reading a stored state failed: the row is corrupt.
    struct Corrupt: Error, CustomStringConvertible {
        var description: String
    }

    /// `record` in the binary form.
    static func encode(_ record: SyncRecord) -> Data {
        var writer = Writer()
        writer.bytes.append(marker)
        writer.string(record.key.type)
        writer.string(record.key.id)
        writer.bytes.append(record.deleted ? 1 : 0)
        writer.count(record.fields.count)
        for (name, state) in record.fields {
            writer.string(name)
            switch state {
            case .register(let register):
                writer.bytes.append(0)
                writer.value(register.value)
                writer.clock(register.clock)
            case .set(let elements):
                writer.bytes.append(1)
                writer.count(elements.count)
                for (id, element) in elements {
                    writer.string(id)
                    writer.value(element.value)
                    writer.clock(element.clock)
                    writer.strings(element.adds)
                    writer.strings(element.removes)
                }
            }
        }
        return Data(writer.bytes)
    }

    /// A record ``encode(_:)`` wrote, or one stored as JSON before it.
    static func decode(_ data: Data) throws -> SyncRecord {
        guard data.first == marker else { return try StoredJSON.decoder.decode(SyncRecord.self, from: data) }
        return try data.withUnsafeBytes { buffer in
            var reader = Reader(bytes: buffer, offset: 1)
            let key = RecordKey(type: try reader.string(), id: try reader.string())
            let deleted = try reader.byte()
            guard deleted <= 1 else { throw Corrupt(description: "a stored record's deleted flag is \(deleted)") }
            var fields: [String: FieldState] = [:]
            let count = try reader.count()
            fields.reserveCapacity(count)
            for _ in 0..<count {
                let name = try reader.string()
                switch try reader.byte() {
                case 0:
                    fields[name] = .register(FieldState.Register(value: try reader.value(depth: 0), clock: try reader.clock()))
                case 1:
                    var elements: [String: FieldState.SetElement] = [:]
                    for _ in 0..<(try reader.count()) {
                        let id = try reader.string()
                        elements[id] = FieldState.SetElement(
                            value: try reader.value(depth: 0),
                            clock: try reader.clock(),
                            adds: try reader.strings(),
                            removes: try reader.strings()
                        )
                    }
                    fields[name] = .set(elements)
                case let kind:
                    throw Corrupt(description: "a stored field's kind is \(kind)")
                }
            }
            guard reader.offset == buffer.count else { throw Corrupt(description: "a stored record has bytes after its end") }
            return SyncRecord(key: key, fields: fields, deleted: deleted == 1)
        }
    }

    private enum Tag: UInt8 {
        case null, `false`, `true`, int, double, string, array, object
    }

    private struct Writer {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(256) }

        mutating func count(_ value: Int) { unsigned(UInt64(value)) }

        mutating func unsigned(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }

        mutating func signed(_ value: Int64) { unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

        mutating func string(_ value: String) {
            var value = value
            value.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func strings(_ values: Set<String>) {
            count(values.count)
            for value in values { string(value) }
        }

        mutating func clock(_ clock: HLCTimestamp) {
            signed(clock.millis)
            unsigned(UInt64(clock.counter))
            string(clock.node)
        }

        mutating func value(_ value: JSONValue) {
            switch value {
            case .null: bytes.append(Tag.null.rawValue)
            case .bool(let flag): bytes.append((flag ? Tag.true : Tag.false).rawValue)
            case .int(let number):
                bytes.append(Tag.int.rawValue)
                signed(number)
            case .double(let number):
                // A whole number is the integer it is, as JSON reads it back (``JSONValue``).
                if let whole = Int64(exactly: number) { return self.value(.int(whole)) }
                bytes.append(Tag.double.rawValue)
                withUnsafeBytes(of: number.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .string(let text):
                bytes.append(Tag.string.rawValue)
                string(text)
            case .array(let items):
                bytes.append(Tag.array.rawValue)
                count(items.count)
                for item in items { self.value(item) }
            case .object(let members):
                bytes.append(Tag.object.rawValue)
                count(members.count)
                for (name, member) in members {
                    string(name)
                    self.value(member)
                }
            }
        }
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Corrupt(description: "a stored record ends early") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func unsigned() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let next = try byte()
                guard shift < 64, shift < 63 || next <= 1 else { throw Corrupt(description: "a stored number is too long") }
                value |= UInt64(next & 0x7f) << shift
                if next < 0x80 { return value }
                shift += 7
            }
        }

        /// A count or length: never more than the bytes left, so a corrupt one cannot ask for
        /// more memory than the row holds.
        mutating func count() throws -> Int {
            let value = try unsigned()
            guard value <= UInt64(bytes.count - offset) else { throw Corrupt(description: "a stored count is past the record's end") }
            return Int(value)
        }

        mutating func signed() throws -> Int64 {
            let value = try unsigned()
            return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
        }

        mutating func string() throws -> String {
            let length = try count()
            let slice = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
            offset += length
            guard let text = String(validating: slice, as: UTF8.self) else {
                throw Corrupt(description: "a stored string is not UTF-8")
            }
            return text
        }

        mutating func strings() throws -> Set<String> {
            let count = try count()
            var values = Set<String>(minimumCapacity: count)
            for _ in 0..<count { values.insert(try string()) }
            return values
        }

        mutating func clock() throws -> HLCTimestamp {
            let millis = try signed()
            let counter = try unsigned()
            guard let counter = UInt32(exactly: counter) else { throw Corrupt(description: "a stored clock's counter is too large") }
            return HLCTimestamp(millis: millis, counter: counter, node: try string())
        }

        mutating func value(depth: Int) throws -> JSONValue {
            guard depth < StoredRecord.maxDepth else { throw Corrupt(description: "a stored value is nested too deep") }
            let tag = try byte()
            switch Tag(rawValue: tag) {
            case .null: return .null
            case .false: return .bool(false)
            case .true: return .bool(true)
            case .int: return .int(try signed())
            case .double:
                guard bytes.count - offset >= 8 else { throw Corrupt(description: "a stored record ends early") }
                let pattern = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                offset += 8
                return .double(Double(bitPattern: UInt64(littleEndian: pattern)))
            case .string: return .string(try string())
            case .array:
                let count = try count()
                var items: [JSONValue] = []
                items.reserveCapacity(count)
                for _ in 0..<count { items.append(try value(depth: depth + 1)) }
                return .array(items)
            case .object:
                let count = try count()
                var members: [String: JSONValue] = [:]
                members.reserveCapacity(count)
                for _ in 0..<count {
                    let name = try string()
                    members[name] = try value(depth: depth + 1)
                }
                return .object(members)
            case nil: throw Corrupt(description: "a stored value's tag is \(tag)")
            }
        }
    }
}
