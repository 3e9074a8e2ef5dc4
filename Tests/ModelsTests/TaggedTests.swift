import Foundation
import Models
import Testing

@Suite("Tagged identifiers")
struct TaggedTests {
    @Test func encodesAsTheRawValue() throws {
        #expect(try jsonString(Fixtures.claimID) == "\"33333333-3333-3333-3333-333333333333\"")
        #expect(try jsonString(Fixtures.branchID) == "\"BDG-SUCI\"")
        #expect(try decode(Claim.ID.self, "\"33333333-3333-3333-3333-333333333333\"") == Fixtures.claimID)
        #expect(throws: DecodingError.self) { try decode(Claim.ID.self, "\"not-a-uuid\"") }
    }

    @Test func comparesAndDescribesByTheRawValue() {
        let a: Branch.ID = "BDG-SUCI"
        let b: Branch.ID = "MKS"
        #expect(a < b)
        #expect(a.description == "BDG-SUCI")
        #expect(Branch.ID(rawValue: "MKS") == b)
    }
}
