import ArgumentParser
import Foundation

/// What a run simulates: how many people, how they behave and how bad the network is.
/// Every rate is a probability per occasion (per request, per step, per face check).
struct SimSettings: Codable, Sendable, Hashable {
    /// Members the server must know (`jht-server --demo-population`); `--server self` seeds them.
    var population: Int
    /// Participants who use the app during the run, drawn from the population by the seed.
    var participants: Int
    /// Journeys under way at once (phones open at the same time).
    var concurrency: Int
    /// Participants arrive spread over this many seconds (0: as fast as concurrency allows).
    var arrivalSeconds: Double
    /// A participant's face checks keep failing (low light, angle, glasses...; each fails with
    /// 0.9, others' with 0.15): three failures open a fallback ticket.
    var faceFailureRate: Double
    /// A participant also signs in on a second phone, which edits and follows status too.
    var secondPhoneRate: Double
    /// A participant drafts the claim while offline, syncing only afterwards.
    var offlineDraftRate: Double
    /// Per step: the phone loses the network for a spell.
    var offlineRate: Double
    /// Per step: the app is killed and started again (the replica survives on disk).
    var killRate: Double
    /// Per request: the request or its answer is lost (the latter after the server acted).
    var dropRate: Double
    /// Per request: the request arrives twice.
    var duplicateRate: Double
    /// Most extra delay a request suffers, in milliseconds.
    var maxDelayMillis: Int
    /// Per upload chunk: the connection is cut.
    var uploadCutRate: Double
    /// Document sizes in bytes.
    var documentBytes: ClosedRange<Int>
    /// Bytes per upload request (small chunks lose less to a cut).
    var chunkBytes: Int
    /// A fallback ticket is booked as a video call rather than a branch visit.
    var videoCallShare: Double
    /// Officer decisions: CSO asks for a correction; head of service returns for review.
    var correctionRate: Double
    var returnRate: Double
    /// Parallel desks per officer (each works its worklist).
    var desksPerOfficer: Int
    /// A paid participant answers the survey.
    var surveyRate: Double
    /// How long a phone follows its claim on the live stream before the journey ends, seconds.
    var followSeconds: Double
}

/// The named scenarios (`--scenario`).
enum Scenario: String, CaseIterable, Codable, ExpressibleByArgument, Sendable {
    /// Small and quick, every path once or twice: what the integration tests run.
    case smoke
    /// The Bandung Suci branch (40,000 members, a daily quota of 100 branch visits) on one day.
    case branchDay = "branch-day"
    /// A wave of lay-offs: thousands arrive within seconds.
    case surge
    /// Drops, duplicates, cuts mid-upload, offline spells and app kills, many of them.
    case flakyNetwork = "flaky-network"
    /// The Bandung Suci branch through a week on the service's simulated clock: every channel,
    /// the counter, appointments, officers with a daily capacity (``BranchWeekPlan``).
    case branchWeek = "branch-week"

    var settings: SimSettings {
        switch self {
        case .smoke:
            SimSettings(
                population: 400,
                participants: 12,
                concurrency: 12,
                arrivalSeconds: 0,
                faceFailureRate: 0.25,
                secondPhoneRate: 0.25,
                offlineDraftRate: 0.25,
                offlineRate: 0.05,
                killRate: 0.05,
                dropRate: 0.02,
                duplicateRate: 0.02,
                maxDelayMillis: 20,
                uploadCutRate: 0.1,
                documentBytes: 20_000...60_000,
                chunkBytes: 16_384,
                videoCallShare: 0.3,
                correctionRate: 0.2,
                returnRate: 0.1,
                desksPerOfficer: 1,
                surveyRate: 0.8,
                followSeconds: 30
            )
        case .branchDay:
            SimSettings(
                population: 40_000,
                participants: 2_000,
                concurrency: 200,
                arrivalSeconds: 0,
                faceFailureRate: 0.2,
                secondPhoneRate: 0.1,
                offlineDraftRate: 0.2,
                offlineRate: 0.03,
                killRate: 0.02,
                dropRate: 0.01,
                duplicateRate: 0.01,
                maxDelayMillis: 50,
                uploadCutRate: 0.05,
                documentBytes: 40_000...160_000,
                chunkBytes: 65_536,
                videoCallShare: 0.3,
                correctionRate: 0.1,
                returnRate: 0.05,
                desksPerOfficer: 2,
                surveyRate: 0.6,
                followSeconds: 60
            )
        case .surge:
            SimSettings(
                population: 40_000,
                participants: 3_000,
                concurrency: 1_000,
                arrivalSeconds: 5,
                faceFailureRate: 0.1,
                secondPhoneRate: 0.05,
                offlineDraftRate: 0.1,
                offlineRate: 0.02,
                killRate: 0.01,
                dropRate: 0.01,
                duplicateRate: 0.01,
                maxDelayMillis: 50,
                uploadCutRate: 0.05,
                documentBytes: 20_000...80_000,
                chunkBytes: 65_536,
                videoCallShare: 0.3,
                correctionRate: 0.1,
                returnRate: 0.05,
                desksPerOfficer: 3,
                surveyRate: 0.5,
                followSeconds: 45
            )
        case .branchWeek:
            SimSettings(
                population: 40_000,
                participants: 1,
                concurrency: 48,
                arrivalSeconds: 0,
                faceFailureRate: 0.15,
                secondPhoneRate: 0.05,
                offlineDraftRate: 0.1,
                offlineRate: 0.01,
                killRate: 0.01,
                dropRate: 0.005,
                duplicateRate: 0.005,
                maxDelayMillis: 0,
                uploadCutRate: 0.03,
                documentBytes: 20_000...60_000,
                chunkBytes: 65_536,
                videoCallShare: 0.3,
                correctionRate: 0.1,
                returnRate: 0.03,
                desksPerOfficer: 1,
                surveyRate: 0.5,
                followSeconds: 0
            )
        case .flakyNetwork:
            SimSettings(
                population: 400,
                participants: 16,
                concurrency: 16,
                arrivalSeconds: 0,
                faceFailureRate: 0.25,
                secondPhoneRate: 0.4,
                offlineDraftRate: 0.4,
                offlineRate: 0.2,
                killRate: 0.15,
                dropRate: 0.15,
                duplicateRate: 0.1,
                maxDelayMillis: 150,
                uploadCutRate: 0.35,
                documentBytes: 30_000...90_000,
                chunkBytes: 8_192,
                videoCallShare: 0.3,
                correctionRate: 0.2,
                returnRate: 0.1,
                desksPerOfficer: 1,
                surveyRate: 0.8,
                followSeconds: 40
            )
        }
    }
}
