import Foundation
import Models
import Testing

/// Fixed JSON of every wire type, as clients and stores have written it. A model change that
/// stops any of these from decoding breaks phones in the field: add a migration instead.
@Suite("Backwards compatibility")
struct BackwardsCompatibilityTests {
    @Test func participant() throws {
        let json = """
            {
              "id": "11111111-1111-1111-1111-111111111111",
              "nik": "3273011005700001",
              "kpj": "12345678901",
              "name": "Budi Santoso",
              "birthDate": "1970-05-10",
              "sex": "male",
              "phone": "+6281234567890",
              "email": "budi@example.co.id",
              "branchID": "BDG-SUCI",
              "dataUpdateCompletedAt": "2026-01-05T02:00:00Z"
            }
            """
        let value = try decode(Participant.self, json)
        #expect(value.id == Fixtures.participantID)
        #expect(value.nik.rawValue == "3273011005700001")
        #expect(value.kpj.rawValue == "12345678901")
        #expect(value.birthDate == day("1970-05-10"))
        #expect(value.sex == .male)
        #expect(value.phone?.rawValue == "+6281234567890")
        #expect(value.email?.rawValue == "budi@example.co.id")
        #expect(value.branchID == "BDG-SUCI")
        #expect(value.isDataUpdateDone)
        #expect(try roundTrip(value) == value)

        let minimal = """
            { "id": "11111111-1111-1111-1111-111111111111", "nik": "3273011005700001", "kpj": "12345678901",
              "name": "Budi", "birthDate": "1970-05-10", "sex": "male", "branchID": "BDG-SUCI" }
            """
        let bare = try decode(Participant.self, minimal)
        #expect(bare.phone == nil && bare.email == nil && !bare.isDataUpdateDone)
    }

    @Test func membership() throws {
        let json = """
            { "status": "inactive", "employerName": "PT Tekstil Bandung", "memberSince": "2012-01-02",
              "endOfWorkDate": "2026-01-31", "balance": 8000000, "partialClaimTaken": false, "hasTaxNumber": true }
            """
        let value = try decode(Membership.self, json)
        #expect(value == Fixtures.membership())
        #expect(try roundTrip(value) == value)
    }

    @Test func claim() throws {
        let json = """
            {
              "id": "33333333-3333-3333-3333-333333333333",
              "participantID": "11111111-1111-1111-1111-111111111111",
              "branchID": "BDG-SUCI",
              "reason": "resignation",
              "channel": "app",
              "status": "correctionRequested",
              "documents": [
                { "id": "DDDDDDDD-0000-0000-0000-000000000001", "kind": "idCard",
                  "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                  "byteCount": 204800, "contentType": "image/jpeg", "attachedAt": "2026-03-01T01:05:00Z" },
                { "id": "DDDDDDDD-0000-0000-0000-000000000002", "kind": "referenceLetter",
                  "sha256": "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752",
                  "byteCount": 512000, "contentType": "application/pdf", "attachedAt": "2026-03-01T01:06:00Z" }
              ],
              "bankAccount": { "bankCode": "014", "number": "1234567890", "holderName": "Budi Santoso" },
              "taxNumber": "09.254.294.3-407.000",
              "grossAmount": 8000000,
              "tax": 0,
              "netAmount": 8000000,
              "createdAt": "2026-03-01T01:00:00Z",
              "submittedAt": "2026-03-01T01:10:00Z",
              "sla": { "startedAt": "2026-03-02T03:00:00Z",
                       "pauses": [ { "from": "2026-03-04T03:00:00Z" } ] },
              "correction": { "items": [ { "document": "bankBook", "reason": "The bank book page is blurred." },
                                         { "field": "bankAccount", "reason": "Check the account number." } ],
                              "requestedAt": "2026-03-04T03:00:00Z",
                              "requestedBy": "AAAAAAAA-0000-0000-0000-000000000001" },
              "problem": null
            }
            """
        let value = try decode(Claim.self, json)
        #expect(value.id == Fixtures.claimID)
        #expect(value.participantID == Fixtures.participantID)
        #expect(value.reason == .resignation)
        #expect(value.channel == .app)
        #expect(value.status == .correctionRequested)
        #expect(value.stage == .agendaKlaim)
        #expect(value.documents.map(\.kind) == [.idCard, .referenceLetter])
        #expect(value.documents[1].byteCount == 512_000)
        #expect(value.documents[1].contentType == "application/pdf")
        #expect(value.documents[0].attachedAt == utc("2026-03-01T01:05:00Z"))
        #expect(value.bankAccount == Fixtures.bankAccount)
        #expect(value.taxNumber == "09.254.294.3-407.000")
        #expect(value.grossAmount == 8_000_000 && value.tax == .zero && value.netAmount == 8_000_000)
        #expect(value.submittedAt == utc("2026-03-01T01:10:00Z"))
        #expect(value.sla == SLAClock(startedAt: utc("2026-03-02T03:00:00Z"), pauses: [.init(from: utc("2026-03-04T03:00:00Z"))]))
        #expect(value.sla.isPaused)
        #expect(value.correction?.items.count == 2)
        #expect(value.correction?.items[0].document == .bankBook)
        #expect(value.correction?.items[1].field == "bankAccount")
        #expect(value.correction?.requestedBy == Fixtures.cso.id)
        #expect(value.problem == nil)
        #expect(try roundTrip(value) == value)
    }

    @Test func draftClaimWithOnlyTheRequiredFields() throws {
        let json = """
            { "id": "33333333-3333-3333-3333-333333333333", "participantID": "11111111-1111-1111-1111-111111111111",
              "branchID": "MKS", "reason": "partial30", "channel": "branch", "status": "draft", "documents": [],
              "grossAmount": 0, "tax": 0, "netAmount": 0, "createdAt": "2026-03-01T01:00:00Z", "sla": { "pauses": [] } }
            """
        let value = try decode(Claim.self, json)
        #expect(value.status == .draft)
        #expect(value.bankAccount == nil)
        #expect(value.sla == SLAClock())
        #expect(value.stage == nil)
    }

    @Test func biometricAttempt() throws {
        let json = """
            { "id": "BBBBBBBB-0000-0000-0000-000000000001", "participantID": "11111111-1111-1111-1111-111111111111",
              "claimID": "33333333-3333-3333-3333-333333333333", "result": "failed", "failureReason": "lowLight",
              "livenessScore": 0.42, "deviceID": "device-7f3a", "attemptedAt": "2026-03-01T01:02:03Z" }
            """
        let value = try decode(BiometricAttempt.self, json)
        #expect(value.result == .failed)
        #expect(value.failureReason == .lowLight)
        #expect(value.livenessScore == 0.42)
        #expect(value.deviceID == "device-7f3a")
        #expect(value.claimID == Fixtures.claimID)
        #expect(value.attemptedAt == utc("2026-03-01T01:02:03Z"))
        #expect(try roundTrip(value) == value)
    }

    @Test func fallbackTicket() throws {
        let json = """
            { "id": "CCCCCCCC-0000-0000-0000-000000000001", "participantID": "11111111-1111-1111-1111-111111111111",
              "claimID": "33333333-3333-3333-3333-333333333333", "status": "booked", "openedAt": "2026-03-01T02:00:00Z",
              "appointmentID": "EEEEEEEE-0000-0000-0000-000000000001", "resolution": null }
            """
        let value = try decode(FallbackTicket.self, json)
        #expect(value.status == .booked)
        #expect(value.claimID == Fixtures.claimID)
        #expect(value.appointmentID?.rawValue.uuidString == "EEEEEEEE-0000-0000-0000-000000000001")
        #expect(value.resolution == nil)
        #expect(try roundTrip(value) == value)
    }

    @Test func branch() throws {
        let json = """
            { "id": "MKS", "name": "Makassar", "city": "Makassar", "timeZone": "Asia/Makassar",
              "dailyJHTQuota": 100, "opensAtMinute": 480, "closesAtMinute": 900 }
            """
        let value = try decode(Branch.self, json)
        #expect(value == Branch(id: "MKS", name: "Makassar", city: "Makassar", timeZone: .wita))
        #expect(try roundTrip(value) == value)
    }

    @Test func appointment() throws {
        let json = """
            { "id": "EEEEEEEE-0000-0000-0000-000000000001", "ticketID": "CCCCCCCC-0000-0000-0000-000000000001",
              "participantID": "11111111-1111-1111-1111-111111111111", "kind": "branchVisit", "branchID": "MKS",
              "date": "2026-03-25", "startsAt": "2026-03-25T01:00:00Z", "endsAt": "2026-03-25T01:30:00Z",
              "queueNumber": 17, "status": "booked", "bookedAt": "2026-03-20T04:00:00Z" }
            """
        let value = try decode(Appointment.self, json)
        #expect(value.kind == .branchVisit)
        #expect(value.branchID == "MKS")
        #expect(value.date == day("2026-03-25"))
        #expect(value.startsAt == utc("2026-03-25T01:00:00Z"))
        #expect(value.queueNumber == 17)
        #expect(value.status == .booked)
        #expect(try roundTrip(value) == value)

        let videoCall = try decode(
            Appointment.self,
            json.replacingOccurrences(of: #""kind": "branchVisit", "branchID": "MKS","#, with: #""kind": "videoCall","#)
        )
        #expect(videoCall.kind == .videoCall)
        #expect(videoCall.branchID == nil)
    }

    @Test func participantNotification() throws {
        let json = """
            { "id": "FFFFFFFF-0000-0000-0000-000000000001", "participantID": "11111111-1111-1111-1111-111111111111",
              "claimID": "33333333-3333-3333-3333-333333333333", "kind": "slaAtRisk", "title": "Pembayaran tertunda",
              "body": "Rekening tidak aktif.", "estimatedPaymentDate": "2026-04-01", "createdAt": "2026-03-30T02:00:00Z" }
            """
        let value = try decode(ParticipantNotification.self, json)
        #expect(value.kind == .slaAtRisk)
        #expect(value.estimatedPaymentDate == day("2026-04-01"))
        #expect(value.readAt == nil)
        #expect(try roundTrip(value) == value)
    }

    @Test func surveyResponse() throws {
        let json = """
            { "id": "99999999-0000-0000-0000-000000000001", "claimID": "33333333-3333-3333-3333-333333333333",
              "clarity": 5, "speed": 4, "overall": 5, "comment": "Cepat.", "submittedAt": "2026-04-01T05:00:00Z" }
            """
        let value = try decode(SurveyResponse.self, json)
        #expect(value.clarity == 5 && value.speed == 4 && value.overall == 5)
        #expect(value.comment == "Cepat.")
        #expect(try roundTrip(value) == value)
        let noComment = try decode(SurveyResponse.self, json.replacingOccurrences(of: #""comment": "Cepat.", "#, with: ""))
        #expect(noComment.comment == nil)
    }

    @Test func officer() throws {
        let json = """
            { "id": "AAAAAAAA-0000-0000-0000-000000000001", "name": "Officer 1", "employeeNumber": "E1",
              "branchID": "BDG-SUCI", "roles": ["cso"] }
            """
        let value = try decode(Officer.self, json)
        #expect(value == Fixtures.cso)
        let multi = try decode(Officer.self, json.replacingOccurrences(of: #"["cso"]"#, with: #"["finance", "headOfService"]"#))
        #expect(multi.roles == [.finance, .headOfService])
        #expect(try roundTrip(multi) == multi)
    }

    @Test func dayOff() throws {
        let json = #"{ "date": "2026-03-19", "kind": "nationalHoliday", "name": "Hari Suci Nyepi" }"#
        let value = try decode(WorkingDayCalendar.DayOff.self, json)
        #expect(value == WorkingDayCalendar.indonesia.dayOff(on: day("2026-03-19")))
        #expect(try roundTrip(value) == value)
    }

    @Test func invalidValuesInsideARecordFailToDecode() {
        let participant = """
            { "id": "11111111-1111-1111-1111-111111111111", "nik": "3273011005700000", "kpj": "12345678901",
              "name": "Budi", "birthDate": "1970-05-10", "sex": "male", "branchID": "BDG-SUCI" }
            """
        #expect(throws: DecodingError.self) { try decode(Participant.self, participant) }
        let branch = """
            { "id": "MKS", "name": "Makassar", "city": "Makassar", "timeZone": "Asia/Ujung_Pandang",
              "dailyJHTQuota": 100, "opensAtMinute": 480, "closesAtMinute": 900 }
            """
        #expect(throws: DecodingError.self) { try decode(Branch.self, branch) }
    }
}
