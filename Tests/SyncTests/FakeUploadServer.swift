import Foundation
import Models
import PhoneSync
import Sync
import Synchronization

/// A tiny in-memory tus server for the phone's uploader: creates uploads, keeps the bytes that
/// arrive, checks offsets and chunk checksums, and misbehaves on request (cuts a chunk after
/// some bytes, fails, forgets an upload, refuses a file).
final class FakeUploadServer: UploadTransport {
    enum Fault: Sendable {
        /// The next request goes through normally.
        case pass
        /// The next chunk arrives only up to this many bytes; the connection then drops.
        case cutAfter(Int)
        /// The next request fails without reaching the server.
        case fail(UploadTransportError)
        /// The next request is applied, but its answer is lost.
        case loseResponse
        /// The upload is forgotten (expired) before the next request.
        case forget
        /// The next request hangs until the task is cancelled (the app is killed).
        case hang
    }

    struct Upload {
        var length: Int64
        var bytes: [UInt8] = []
        var metadata: [String: String]
    }

    struct State {
        var uploads: [String: Upload] = [:]
        var faults: [Fault] = []
        var requests: [String] = []
        /// Bytes that arrived, in total (resent bytes count again).
        var bytesReceived = 0
        var refuseLargerThan: Int64 = .max
    }

    let state = Mutex(State())

    func update(_ body: (inout State) -> Void) { state.withLock { body(&$0) } }

    var requests: [String] { state.withLock { $0.requests } }
    var bytesReceived: Int { state.withLock { $0.bytesReceived } }

    func content(of location: String) -> [UInt8]? { state.withLock { $0.uploads[location]?.bytes } }

    var locations: [String] { state.withLock { Array($0.uploads.keys) } }

    private func nextFault(_ request: String) -> Fault? {
        state.withLock { state in
            state.requests.append(request)
            return state.faults.isEmpty ? nil : state.faults.removeFirst()
        }
    }

    func create(length: Int64, metadata: [String: String], accessToken: String) async throws -> String {
        let fault = nextFault("POST")
        if case .hang = fault { try await Task.sleep(for: .seconds(3_600)) }
        if case .fail(let error) = fault { throw error }
        if length > state.withLock({ $0.refuseLargerThan }) {
            throw UploadTransportError.refused(Rejection(code: "upload.tooLarge", message: "A document may be at most 1 KB."))
        }
        let location = "/v1/uploads/\(UUID().uuidString.lowercased())"
        state.withLock { $0.uploads[location] = Upload(length: length, metadata: metadata) }
        if case .loseResponse = fault { throw UploadTransportError.transient("lost") }
        return location
    }

    func offset(at location: String, accessToken: String) async throws -> Int64 {
        let fault = nextFault("HEAD")
        if case .hang = fault { try await Task.sleep(for: .seconds(3_600)) }
        if case .fail(let error) = fault { throw error }
        if case .forget = fault { _ = state.withLock { $0.uploads.removeValue(forKey: location) } }
        guard let upload = state.withLock({ $0.uploads[location] }) else { throw UploadTransportError.gone }
        return Int64(upload.bytes.count)
    }

    func send(_ bytes: [UInt8], to location: String, at offset: Int64, checksum: String, accessToken: String) async throws -> Int64 {
        let fault = nextFault("PATCH \(offset)+\(bytes.count)")
        if case .hang = fault { try await Task.sleep(for: .seconds(3_600)) }
        if case .fail(let error) = fault { throw error }
        if case .forget = fault { _ = state.withLock { $0.uploads.removeValue(forKey: location) } }
        guard checksum == DocumentDigest.uploadChecksum(bytes) else { throw UploadTransportError.checksumMismatch }
        return try state.withLock { state in
            guard var upload = state.uploads[location] else { throw UploadTransportError.gone }
            guard Int64(upload.bytes.count) == offset else { throw UploadTransportError.offsetConflict }
            guard offset + Int64(bytes.count) <= upload.length else {
                throw UploadTransportError.refused(Rejection(code: "upload.exceedsLength", message: "too many bytes"))
            }
            var arrived = bytes
            if case .cutAfter(let count) = fault { arrived = Array(bytes.prefix(count)) }
            upload.bytes += arrived
            state.bytesReceived += arrived.count
            state.uploads[location] = upload
            if case .cutAfter = fault { throw UploadTransportError.transient("connection reset") }
            if case .loseResponse = fault { throw UploadTransportError.transient("lost") }
            return Int64(upload.bytes.count)
        }
    }
}

/// Sample document files: a format's signature, then seeded pseudo-random bytes.
enum SampleFile {
    static func make(_ format: DocumentFormat, size: Int, seed: UInt64 = 1) -> Data {
        var generator = SplitMix64(seed: seed)
        var bytes = format.signature
        while bytes.count < size { bytes.append(UInt8.random(in: 0...255, using: &generator)) }
        return Data(bytes.prefix(size))
    }
}
