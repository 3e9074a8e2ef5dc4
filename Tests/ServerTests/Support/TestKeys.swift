import Server

extension KeyEncryptionKeyRing {
    /// One ring for every store a test process opens, so a database reopened in a test (or
    /// shared by two stores) unwraps its data keys.
    static let forTests = KeyEncryptionKeyRing.new()
}
