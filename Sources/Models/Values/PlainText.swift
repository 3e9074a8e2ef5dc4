/// The rule for free text a person types (names, comments): no longer than its limit, and no
/// control characters (they break logs, documents and the databases' text types); a
/// multi-line text may hold line breaks and tabs.
public enum PlainText {
    /// Whether `text` is at most `maxLength` characters with no control character (but line
    /// breaks and tabs in `multiline` text).
    public static func fits(_ text: String, maxLength: Int, multiline: Bool = false) -> Bool {
        text.count <= maxLength
            && !text.unicodeScalars.contains { scalar in
                scalar.properties.generalCategory == .control && !(multiline && (scalar == "\n" || scalar == "\r" || scalar == "\t"))
            }
    }
}
