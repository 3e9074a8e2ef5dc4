import Models
import Testing

@Suite("Document formats by content")
struct DocumentFormatTests {
    @Test(arguments: DocumentFormat.allCases)
    func theSignatureIsRecognisedWhateverFollows(_ format: DocumentFormat) {
        #expect(DocumentFormat.recognise(format.signature + [0, 1, 2, 3, 4, 5, 6, 7]) == .recognised(format))
        #expect(DocumentFormat(mediaType: format.mediaType) == format)
    }

    @Test func aShortPrefixWaitsForMoreUnlessItIsTheWholeFile() {
        #expect(DocumentFormat.recognise([0x89, 0x50]) == .needMoreBytes)
        #expect(DocumentFormat.recognise(Array("%PD".utf8)) == .needMoreBytes)
        #expect(DocumentFormat.recognise(Array("%PD".utf8), isWholeFile: true) == .unrecognised)
        #expect(DocumentFormat.recognise([]) == .needMoreBytes)
        #expect(DocumentFormat.recognise([0xFF, 0xD8, 0xFF], isWholeFile: true) == .recognised(.jpeg))
    }

    @Test func otherContentIsNotADocumentWhateverItsName() {
        let others: [[UInt8]] = [
            Array("GIF89a\u{1}\u{0}".utf8),  // GIF
            [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00],  // a Windows program
            Array("<!DOCTYPE html>".utf8),
            [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00],  // a zip (docx, apk)
            [0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00],  // a broken JPEG start
        ]
        for bytes in others { #expect(DocumentFormat.recognise(bytes) == .unrecognised) }
    }

    @Test func mediaTypesAreReadLeniently() {
        #expect(DocumentFormat(mediaType: "IMAGE/JPEG") == .jpeg)
        #expect(DocumentFormat(mediaType: "application/pdf; charset=binary") == .pdf)
        #expect(DocumentFormat(mediaType: "image/gif") == nil)
        #expect(DocumentFormat.jpeg.isImage && DocumentFormat.png.isImage && !DocumentFormat.pdf.isImage)
    }
}
