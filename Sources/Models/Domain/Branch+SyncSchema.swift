extension Branch: SyncedModel {
    /// Reference data: only the server writes branches.
    public static let syncSchema = RecordSchema(
        type: "branch",
        fields: [
            "id": .serverOwned, "name": .serverOwned, "city": .serverOwned, "timeZone": .serverOwned, "dailyJHTQuota": .serverOwned,
            "opensAtMinute": .serverOwned, "closesAtMinute": .serverOwned,
        ],
        idsAreUUIDs: false
    )

    /// The id of the branch's sync record.
    public var recordID: String { id.rawValue }
}
