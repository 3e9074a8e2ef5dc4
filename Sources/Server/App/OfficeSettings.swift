import Foundation

/// How the office side reaches out to participants.
public struct OfficeSettings: Sendable, Hashable {
    /// While a problem stays open (a correction or another bank account awaited, or the SLA
    /// at risk or missed), the participant gets an update this often (seconds).
    public var problemUpdateInterval: TimeInterval
    /// How often the SLA monitor looks at every open claim (seconds).
    public var monitorInterval: TimeInterval

    public init(problemUpdateInterval: TimeInterval = 86_400, monitorInterval: TimeInterval = 300) {
        self.problemUpdateInterval = problemUpdateInterval
        self.monitorInterval = monitorInterval
    }
}
