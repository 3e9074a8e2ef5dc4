import Foundation

// libFuzzer target `push-body`: a push body as JSON (`POST /v1/sync/push`) decoded into the Sync
// wire types the server and the phone share (Models and Sync's Wire, Mutations, Records, Values
// and Clock, compiled with this file alone). Any input: no crash, no trap; whatever decodes
// encodes to a form that reads back to the same form.

let pushDecoder: JSONDecoder = {
    let decoder = JSONDecoder()
    decoder.dateDecodingStrategy = .iso8601
    return decoder
}()

let pushEncoder: JSONEncoder = {
    let encoder = JSONEncoder()
    encoder.dateEncodingStrategy = .iso8601
    encoder.outputFormatting = .sortedKeys
    return encoder
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPushBody(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let request = try? pushDecoder.decode(PushRequest.self, from: Data(bytes: data, count: size)) else { return 0 }
    for mutation in request.mutations { _ = mutation.changedFields }
    guard let once = try? pushEncoder.encode(request) else { fatalError("a decoded push encodes") }
    guard let reread = try? pushDecoder.decode(PushRequest.self, from: once), let twice = try? pushEncoder.encode(reread) else {
        fatalError("an encoded push decodes")
    }
    require(once == twice, "a push's encoded form is stable")
    return 0
}
