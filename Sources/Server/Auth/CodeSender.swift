import Logging
import Models

/// Delivers one-time sign-in codes (SMS or WhatsApp gateway: outside our walls).
public protocol CodeSender: Sendable {
    /// Makes the code for a new challenge. Production senders return a random code.
    func makeCode() -> String
    /// Delivers `code` to `phone`. Must never log the code together with the full number.
    func send(code: String, to phone: PhoneNumber) async throws
}

/// Demo mode: every code is the same fixed code (stated in the README) and nothing is sent.
public struct DemoCodeSender: CodeSender {
    public static let demoCode = "123456"
    let logger: Logger

    public init(logger: Logger) { self.logger = logger }

    public func makeCode() -> String { Self.demoCode }

    public func send(code: String, to phone: PhoneNumber) async throws {
        logger.info("demo sign-in code issued", metadata: ["to": "\(phone.masked)"])
    }
}

/// Random six-digit codes handed to a closure; tests read them from there, a gateway
/// adapter sends them.
public struct RandomCodeSender: CodeSender {
    let deliver: @Sendable (String, PhoneNumber) async throws -> Void

    public init(deliver: @escaping @Sendable (String, PhoneNumber) async throws -> Void) { self.deliver = deliver }

    public func makeCode() -> String {
        var generator = SystemRandomNumberGenerator()
        let value = Int.random(in: 0..<1_000_000, using: &generator)
        let digits = String(value)
        return String(repeating: "0", count: 6 - digits.count) + digits
    }

    public func send(code: String, to phone: PhoneNumber) async throws { try await deliver(code, phone) }
}
