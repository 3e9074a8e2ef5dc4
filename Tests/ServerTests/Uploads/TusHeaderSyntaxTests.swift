import Testing

@testable import Server

/// The tus header syntax, including what the fuzzer found.
@Suite("tus header syntax")
struct TusHeaderSyntaxTests {
    @Test func metadataPairsAndBareKeys() throws {
        #expect(
            try TusHeaderSyntax.metadata("filename a3RwLmpwZw==,kind aWRDYXJk, is_confidential") == [
                "filename": "ktp.jpg", "kind": "idCard", "is_confidential": "",
            ]
        )
        #expect(throws: TusHeaderSyntax.Malformed.metadataItem("a b c")) { try TusHeaderSyntax.metadata("a b c") }
        #expect(throws: TusHeaderSyntax.Malformed.metadataValue(key: "a")) { try TusHeaderSyntax.metadata("a !!!") }
        #expect(throws: TusHeaderSyntax.Malformed.metadataItem("a")) { try TusHeaderSyntax.metadata("a,a") }
    }

    /// Found by fuzzing: a comma followed by a combining mark is one character in Swift, so
    /// splitting by characters did not separate the items there.
    @Test func aCommaSeparatesWhateverFollowsIt() throws {
        #expect(try TusHeaderSyntax.metadata("=,\u{059A}x") == ["=": "", "\u{059A}x": ""])
        let checksum = try TusHeaderSyntax.checksum("sha256 \u{0301}abc")
        #expect(checksum.algorithm == "sha256" && checksum.digest == nil, "two parts; the second is not Base64")
    }
}
