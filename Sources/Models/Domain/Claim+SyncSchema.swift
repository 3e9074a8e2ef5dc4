import Foundation

extension Claim: SyncedModel {
    /// Draft fields are last-writer-wins while the claim is a draft; the bank account and tax
    /// number reopen when a correction is requested or a payment failed; documents are an
    /// add-wins set, open in draft and during a correction; the office owns the rest.
    public static let syncSchema = RecordSchema(
        type: "claim",
        fields: [
            "id": .serverOwned,
            "participantID": .serverOwned,
            "branchID": .serverOwned,
            "createdAt": .serverOwned,
            "reason": .lockedAfterState(stateField: "status", editableIn: ["draft"], policy: .lastWriterWins),
            "channel": .lockedAfterState(stateField: "status", editableIn: ["draft"], policy: .lastWriterWins),
            "bankAccount": .lockedAfterState(
                stateField: "status",
                editableIn: ["draft", "correctionRequested", "paymentFailed"],
                policy: .lastWriterWins
            ),
            "taxNumber": .lockedAfterState(stateField: "status", editableIn: ["draft", "correctionRequested"], policy: .lastWriterWins),
            "documents": .lockedAfterState(stateField: "status", editableIn: ["draft", "correctionRequested"], policy: .addWinsSet),
            "status": .serverOwned,
            "grossAmount": .serverOwned,
            "tax": .serverOwned,
            "netAmount": .serverOwned,
            "submittedAt": .serverOwned,
            "sla": .serverOwned,
            "correction": .serverOwned,
            "problem": .serverOwned,
            "endOfWork": .serverOwned,
            // Who handled each layer (four-eyes); kept with the claim, read by the office.
            "signatures": .serverOwned,
        ],
        clientMayCreate: false,
        clientMayDelete: false,
        addedThroughIntent: ["documents"],
        formats: ["reason": .claimReason, "channel": .claimChannel, "bankAccount": .bankAccount, "taxNumber": .taxNumber]
    )

    /// The id of the claim's sync record.
    public var recordID: String { id.rawValue.uuidString }
}
