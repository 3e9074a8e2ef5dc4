import Sync
import Testing

@testable import Server

/// The notices that tell other processes about commits: many commits share one notice, a notice
/// stays under PostgreSQL's payload limit, and what a notice carries reads back as it was sent.
@Suite("Commit notices")
struct CommitNoticeTests {
    @Test func manyCommitsTravelInNoticesUnderTheLimitAndReadBackInOrder() {
        let commits = (1...2_000).map { (bucket: BucketID.participant("participant-\($0)"), cursor: Int64($0) * 7) }
        let notices = PostgresStore.payloads(commits)
        #expect(notices.count > 1)
        #expect(notices.allSatisfy { $0.utf8.count < PostgresStore.payloadLimit })
        let read = notices.flatMap(PostgresStore.parse(payload:))
        #expect(read.map(\.bucket) == commits.map(\.bucket))
        #expect(read.map(\.cursor) == commits.map(\.cursor))
    }

    @Test func aBucketIdTooLongForANoticeIsLeftOutAndTheOthersGo() {
        let long = BucketID(String(repeating: "x", count: PostgresStore.payloadLimit))
        let notices = PostgresStore.payloads([(long, 1), (.participant("a"), 2)])
        #expect(notices.flatMap(PostgresStore.parse(payload:)).map(\.bucket) == [.participant("a")])
    }

    @Test func linesThatAreNotCommitsAreSkipped() {
        let read = PostgresStore.parse(payload: "12 participant:a\nnot-a-number b\n13\n14 \n15 reference")
        #expect(read.map(\.cursor) == [12, 15])
        #expect(read.map(\.bucket) == [BucketID("participant:a"), .reference])
    }
}
