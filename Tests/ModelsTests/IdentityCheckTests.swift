import Foundation
import Models
import Testing

/// Right person: which check establishes identity for each channel.
@Suite("Identity check")
struct IdentityCheckTests {
    func ticket(_ status: FallbackTicket.Status, _ purpose: FallbackTicket.Purpose? = nil) -> FallbackTicket {
        FallbackTicket(
            id: .init(UUID()),
            participantID: .init(UUID()),
            claimID: .init(UUID()),
            status: status,
            openedAt: Date(timeIntervalSince1970: 1_780_000_000),
            purpose: purpose
        )
    }

    /// (channel, face check passed, ticket status, appointment kind the ticket was verified in, established)
    static let cases: [(ClaimChannel, Bool, FallbackTicket.Status?, Appointment.Kind?, Bool)] = [
        (.app, true, nil, nil, true),
        (.app, false, nil, nil, false),
        (.app, false, .verified, .branchVisit, true),
        (.app, false, .checkedIn, .branchVisit, false),
        (.lapakAsik, true, nil, nil, false),
        (.lapakAsik, true, .booked, .videoCall, false),
        (.lapakAsik, false, .verified, .videoCall, true),
        (.lapakAsik, false, .verified, .branchVisit, false),
        (.lapakAsik, false, .rejected, .videoCall, false),
        (.branch, true, nil, nil, false),
        (.branch, false, .verified, .branchVisit, true),
        (.branch, false, .verified, .videoCall, false),
        (.branch, false, .noShow, nil, false),
    ]

    @Test(arguments: cases.indices)
    func eachChannelHasItsCheck(_ index: Int) {
        let (channel, face, status, kind, expected) = Self.cases[index]
        let established = IdentityCheck.isEstablished(
            channel: channel,
            faceCheckPassed: face,
            ticket: status.map { ticket($0) },
            verifiedIn: kind
        )
        #expect(established == expected, "\(Self.cases[index])")
    }

    @Test func theInPersonCheckFollowsTheChannelAndBooksWhatServesIt() {
        #expect(IdentityCheck.inPerson(for: .app) == nil)
        #expect(IdentityCheck.inPerson(for: .lapakAsik) == .videoInterview)
        #expect(IdentityCheck.inPerson(for: .branch) == .counterCheck)
        #expect(FallbackTicket.Purpose.videoInterview.appointmentKinds == [.videoCall])
        #expect(FallbackTicket.Purpose.counterCheck.appointmentKinds == [.branchVisit])
        #expect(FallbackTicket.Purpose.faceCheckFallback.appointmentKinds == [.branchVisit, .videoCall])
        #expect(ticket(.open).effectivePurpose == .faceCheckFallback, "tickets from before purposes are face-check fallbacks")
        #expect(ClaimChannel.allCases.allSatisfy { !IdentityCheck.missing(for: $0).isEmpty })
    }
}
