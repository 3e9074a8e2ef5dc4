import Sync

/// A language a participant reads the app in.
public enum ParticipantLanguage: String, Hashable, Sendable, CaseIterable {
    /// Bahasa Indonesia.
    case indonesian = "id"
    /// English.
    case english = "en"
}

/// What a participant reads about a refusal: what happened and what to do, in each language
/// the app offers.
public struct ParticipantMessage: Hashable, Sendable {
    /// The text in Bahasa Indonesia.
    public var indonesian: String
    /// The text in English.
    public var english: String

    /// A message in both languages.
    public init(id indonesian: String, en english: String) {
        self.indonesian = indonesian
        self.english = english
    }

    /// The text in `language`.
    public func text(in language: ParticipantLanguage) -> String {
        switch language {
        case .indonesian: indonesian
        case .english: english
        }
    }
}

extension Rejection {
    /// What to tell the participant about this refusal, in `language`: the catalog's words
    /// for the code (``RejectionMessages``); for a code the catalog does not know, a general
    /// message in that language.
    public func participantMessage(in language: ParticipantLanguage) -> String {
        RejectionMessages.message(for: code).text(in: language)
    }
}
