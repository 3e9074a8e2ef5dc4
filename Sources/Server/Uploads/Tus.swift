/// Facts of the tus resumable upload protocol as this server speaks it.
enum Tus {
    /// The only protocol version (`Tus-Resumable`, `Tus-Version`).
    static let version = "1.0.0"
    /// The extensions supported (`Tus-Extension`).
    static let extensions = "creation,expiration,checksum,termination"
    /// Where uploads live.
    static let path = "/v1/uploads"
}
