import Foundation
import Models

// What privacy checks look for.
extension DemoData {
    /// What no log line or cache may show of the demo people, as text in every form it is
    /// written: each participant's full NIK, KPJ, phone number (`+62…`, `62…`, `08…`) and JHT
    /// balance (digits, `Rp8.500.000`, `8,500,000`), and the demo bank's account numbers.
    public static var personalData: [String] {
        var needles: [String] = []
        for person in people {
            let participant = person.account.participant
            needles += [participant.nik.rawValue, participant.kpj.rawValue]
            if let phone = participant.phone?.rawValue {
                let national = phone.hasPrefix("+62") ? String(phone.dropFirst(3)) : phone
                needles += [phone, "62" + national, "0" + national]
            }
            let balance = person.account.membership.balance
            let grouped = balance.description.dropFirst(2)
            needles += [String(balance.amount), String(grouped), grouped.replacingOccurrences(of: ".", with: ",")]
        }
        needles += bankAccounts.map(\.number)
        return needles
    }

    /// The needles of ``personalData`` found in `text`, each only where it stands alone (not
    /// inside a longer run of digits: a timestamp is not a balance).
    public static func personalData(in text: String, needles: [String] = personalData) -> [String] {
        needles.filter { needle in
            var searchRange = text.startIndex..<text.endIndex
            while let found = text.range(of: needle, range: searchRange) {
                let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
                let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
                if !before.isNumber && !after.isNumber { return true }
                searchRange = found.upperBound..<text.endIndex
            }
            return false
        }
    }
}
