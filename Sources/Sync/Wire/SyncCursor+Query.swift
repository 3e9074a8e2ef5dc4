import Foundation

extension SyncCursor {
    /// The cursor as the start of a URL query (`cursor=TOKEN&`, percent-encoded), or nothing at
    /// ``start``: append the other parameters after it.
    public var queryPrefix: String {
        guard !isStart else { return "" }
        let allowed = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+"))
        return "cursor=\(token.addingPercentEncoding(withAllowedCharacters: allowed) ?? token)&"
    }
}
