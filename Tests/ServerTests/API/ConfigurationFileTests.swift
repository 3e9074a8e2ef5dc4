import Foundation
import Models
import Server
import Testing

/// The example files in `config/` are what operators copy: they must load.
@Suite("Configuration files")
struct ConfigurationFileTests {
    static let configFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config")

    @Test func rulesExampleIsTheStandardRules() throws {
        let rules = try ConfigurationFiles.rules(at: Self.configFolder.appendingPathComponent("rules.example.json").path)
        #expect(rules == .standard)
    }

    @Test func holidaysExampleAddsADayOff() throws {
        let calendar = try ConfigurationFiles.calendar(at: Self.configFolder.appendingPathComponent("holidays.example.json").path)
        #expect(calendar.isWorkingDay(try LocalDate("2027-01-01")) == false)
        #expect(calendar.isWorkingDay(try LocalDate("2026-03-19")) == false)
    }

    @Test func brokenFileSaysWhichFileAndWhy() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID()).json").path
        try Data(#"{"retirementAge": "fifty"}"#.utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try ConfigurationFiles.rules(at: path)
        } throws: { error in
            (error as? ConfigurationError)?.message.contains(path) == true
        }
    }
}
