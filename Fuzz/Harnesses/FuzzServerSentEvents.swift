// libFuzzer target `server-sent-events`: the phone's SSE parser (PhoneSync's
// Client/Transport/ServerSentEventParser.swift, compiled with this file alone). Any input: no crash, no trap;
// the events do not depend on how the bytes were cut into chunks.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzServerSentEvents(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var whole = ServerSentEventParser()
    let events = whole.feed(bytes)
    // The same bytes in three chunks, cut where the first two bytes say.
    let first = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    let second = bytes.count < 2 ? first : max(first, Int(bytes[1]) * bytes.count / 256)
    var chunked = ServerSentEventParser()
    let pieces = [bytes[..<first], bytes[first..<second], bytes[second...]]
    let chunkedEvents = pieces.flatMap { chunked.feed($0) }
    require(chunkedEvents == events, "events do not depend on the chunks")
    for event in events { require(!event.name.contains("\n"), "an event name is one line") }
    return 0
}
