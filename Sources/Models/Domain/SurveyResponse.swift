import Foundation

/// The satisfaction survey offered after payment, once per claim (DOMAIN.md, "The service level").
public struct SurveyResponse: Codable, Hashable, Sendable, Identifiable {
    /// The answer's id.
    public var id: ID
    /// The paid claim it is about.
    public var claimID: Claim.ID
    /// Scores from 1 (poor) to 5 (excellent).
    public var clarity: Int
    /// The speed score, 1 to 5.
    public var speed: Int
    /// The overall score, 1 to 5.
    public var overall: Int
    /// What the participant wrote, if anything.
    public var comment: String?
    /// When the answer was given.
    public var submittedAt: Date

    /// Validates the scores (1 to 5) and the comment length (at most 2,000 characters).
    public init(
        id: ID,
        claimID: Claim.ID,
        clarity: Int,
        speed: Int,
        overall: Int,
        comment: String?,
        submittedAt: Date
    ) throws(ValueError) {
        for (field, score) in [("clarity", clarity), ("speed", speed), ("overall", overall)] where !(1...5).contains(score) {
            throw ValueError(code: "survey.score", field: field, message: "Scores run from 1 to 5; \(field) was \(score).")
        }
        if let comment, !PlainText.fits(comment, maxLength: 2000, multiline: true) {
            throw ValueError(
                code: "survey.comment",
                field: "comment",
                message: "A comment has at most 2,000 characters and no control characters."
            )
        }
        self.id = id
        self.claimID = claimID
        self.clarity = clarity
        self.speed = speed
        self.overall = overall
        self.comment = comment
        self.submittedAt = submittedAt
    }

    /// Decoding runs the same checks as ``init(id:claimID:clarity:speed:overall:comment:submittedAt:)``,
    /// so a score outside 1...5 from the wire fails to decode.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                id: container.decode(ID.self, forKey: .id),
                claimID: container.decode(Claim.ID.self, forKey: .claimID),
                clarity: container.decode(Int.self, forKey: .clarity),
                speed: container.decode(Int.self, forKey: .speed),
                overall: container.decode(Int.self, forKey: .overall),
                comment: container.decodeIfPresent(String.self, forKey: .comment),
                submittedAt: container.decode(Date.self, forKey: .submittedAt)
            )
        } catch let error as ValueError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error)
            )
        }
    }
}
