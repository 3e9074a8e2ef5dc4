import Foundation

// libFuzzer target `tus-headers`: the syntax of Upload-Metadata and Upload-Checksum
// (Server/Uploads/TusHeaderSyntax.swift, compiled with this file alone). Any input: no crash,
// no trap; metadata that parses, written back out, parses to the same pairs.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTusHeaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let header = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? TusHeaderSyntax.checksum(header)
    guard let pairs = try? TusHeaderSyntax.metadata(header) else { return 0 }
    let written = pairs.sorted { $0.key < $1.key }.map { key, value in
        value.isEmpty ? key : key + " " + Data(value.utf8).base64EncodedString()
    }
    require((try? TusHeaderSyntax.metadata(written.joined(separator: ","))) == pairs, "metadata reads back as itself")
    return 0
}
