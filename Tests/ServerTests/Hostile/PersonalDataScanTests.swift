import Models
import Server
import Testing

/// The privacy scans find what they look for, and only where it stands alone.
@Suite("Personal data scan")
struct PersonalDataScanTests {
    @Test func findsEveryFormOfADemoParticipantsData() {
        let siti = Demo.person("Siti Rahayu").participant
        for leak in [
            "nik=3273015205900001", "kpj \(siti.kpj.rawValue).", "to=+6281234567801", "call 081234567801", "balance: Rp8.500.000",
            "8,500,000 left", "amount=8500000", "account 0987654321",
        ] {
            #expect(!DemoData.personalData(in: "info request \(leak) done").isEmpty, "\(leak)")
        }
    }

    @Test func ignoresDigitsInsideLongerNumbers() {
        for innocent in ["ts=1795403000000", "ms=38500000011", "id=00000000-0000-4000-8000-000000000001", "to=+628******801"] {
            #expect(DemoData.personalData(in: innocent).isEmpty, "\(innocent)")
        }
    }
}
