import Foundation
import Models
import PhoneSync
import Sync
import Testing

/// Every refusal the service can send has words a participant can act on, in Indonesian and
/// English: the codes are read from the sources as they are today, so a new code without a
/// message fails here.
@Suite("Rejection messages for participants")
struct RejectionMessagesTests {
    /// The package's `Sources` folder.
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// Every `code: "a.b"` literal in the sources, and the codes Models builds from a family
    /// name (`"nik.\(code)"`) found by feeding the value checks bad input.
    static func codesTheServiceSends() throws -> Set<String> {
        var codes: Set<String> = []
        let pattern = try NSRegularExpression(pattern: #"code: "([a-zA-Z]+(\.[a-zA-Z]+)?)""#)
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift", !file.path.contains("/Messages/") else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        // Models' enumerated codes (eligibility, workflow, appointments, tickets) are literals too.
        let models = FileManager.default.enumerator(at: sources.appendingPathComponent("Models"), includingPropertiesForKeys: nil)
        let literal = try NSRegularExpression(pattern: #""((eligibility|workflow|appointment|ticket|fallback|survey)\.[a-zA-Z]+)""#)
        while let file = models?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in literal.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                codes.insert(String(text[Range(match.range(at: 1), in: text)!]))
            }
        }
        for bad in ["12", "x273015205900001", "0073015205900001", "3273019905900001", "3273015299900001", "3273015205900000"] {
            do { _ = try NIK(bad) } catch { codes.insert(error.code) }
        }
        for bad in ["08x", "0812", "+62212345678"] {
            do { _ = try PhoneNumber(bad) } catch { codes.insert(error.code) }
        }
        return codes
    }

    @Test func everyCodeTheServiceSendsHasAMessageInBothLanguages() throws {
        let codes = try Self.codesTheServiceSends()
        #expect(codes.count > 150, "the scan found the codes (\(codes.count))")
        #expect(codes.contains("nik.serial") && codes.contains("phone.notMobile") && codes.contains("eligibility.waitingPeriod"))
        let missing = codes.filter { RejectionMessages.catalog[RefusalCode(rawValue: $0)] == nil }.sorted()
        #expect(missing.isEmpty, "codes without a participant message: \(missing)")
        for (code, message) in RejectionMessages.catalog {
            #expect(!message.indonesian.isEmpty && !message.english.isEmpty, "\(code)")
            #expect(message.indonesian != message.english, "\(code) is translated")
        }
    }

    @Test func everyCodeTheServiceSendsIsInTheCatalogAndHasWords() throws {
        let codes = try Self.codesTheServiceSends()
        let outside = codes.filter { !RefusalCode(rawValue: $0).isKnown }.sorted()
        #expect(outside.isEmpty, "codes the sources send that RefusalCode.problems/rejections lack: \(outside)")
        let catalog = RefusalCode.problems.union(RefusalCode.rejections)
        let unworded = catalog.filter { RejectionMessages.catalog[$0] == nil }.map(\.rawValue).sorted()
        #expect(unworded.isEmpty, "catalog codes without a participant message: \(unworded)")
    }

    @Test func aRejectionIsWordedInTheParticipantsLanguage() {
        let refusal = Rejection(code: "claim.documentsMissing", message: "Missing: bankBook.")
        #expect(refusal.participantMessage(in: .indonesian).hasPrefix("Masih ada dokumen"))
        #expect(refusal.participantMessage(in: .english).hasPrefix("Some documents are still missing"))
        let unknown = Rejection(code: "claim.somethingNew", message: "A newer server's reason.")
        #expect(unknown.participantMessage(in: .indonesian) == RejectionMessages.fallback.indonesian)
    }
}
