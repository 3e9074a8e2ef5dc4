/// Which channel a claim may use, by balance: the app within the online ceiling, Lapak Asik
/// or a branch above it.
///
/// Source: DOMAIN.md "Channels" and "What the real app does": Rp10,000,000 in the studies,
/// raised to Rp15,000,000 in May 2025. The effective date is configuration.
public struct ChannelRouting: Codable, Hashable, Sendable {
    /// An online ceiling and the day it took effect.
    public struct Ceiling: Codable, Hashable, Sendable {
        /// The first day the ceiling applies.
        public var effectiveFrom: LocalDate
        /// Balances strictly below this amount may claim fully online.
        public var amount: Rupiah

        /// A ceiling of `amount` from `effectiveFrom` on.
        public init(effectiveFrom: LocalDate, amount: Rupiah) {
            self.effectiveFrom = effectiveFrom
            self.amount = amount
        }
    }

    /// Ceilings in any order; the latest one in effect on a date applies.
    public var ceilings: [Ceiling]

    /// Ceilings in force over time.
    public init(ceilings: [Ceiling]) { self.ceilings = ceilings }

    /// Rp10,000,000 until April 2025, Rp15,000,000 from 1 May 2025.
    public static let standard = ChannelRouting(ceilings: [
        Ceiling(effectiveFrom: LocalDate(year: 2016, month: 1, day: 1), amount: 10_000_000),
        Ceiling(effectiveFrom: LocalDate(year: 2025, month: 5, day: 1), amount: 15_000_000),
    ])

    /// The ceiling in force on `date`.
    public func ceiling(on date: LocalDate) -> Rupiah {
        ceilings.filter { $0.effectiveFrom <= date }.max { $0.effectiveFrom < $1.effectiveFrom }?.amount
            ?? ceilings.min { $0.effectiveFrom < $1.effectiveFrom }?.amount ?? .zero
    }

    /// The channels open to a claim: the app below the ceiling, Lapak Asik at or above it,
    /// a branch always; death claims are branch only (Permenaker 4/2022, heirs' documents).
    public func channels(for reason: ClaimReason, balance: Rupiah, on date: LocalDate) -> [ClaimChannel] {
        if reason == .death { return [.branch] }
        return balance < ceiling(on: date) ? [.app, .branch] : [.lapakAsik, .branch]
    }
}
