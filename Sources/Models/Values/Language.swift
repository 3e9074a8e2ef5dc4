/// The language a participant reads messages in.
public enum Language: String, Codable, Hashable, Sendable, CaseIterable {
    /// Bahasa Indonesia.
    case id
    /// Basa Sunda (Sundanese), for West Java's branches.
    case su
    /// English.
    case en
}
