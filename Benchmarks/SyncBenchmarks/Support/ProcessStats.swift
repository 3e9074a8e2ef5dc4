import CoreFoundation
import Dispatch
import Foundation
import Glibc

/// What the kernel says about a process: resident memory and CPU time (Linux `/proc`).
struct ProcessStats: Sendable {
    /// Resident set size in bytes.
    var residentBytes: Int
    /// User and system CPU time in seconds.
    var cpuSeconds: Double

    /// The current figures of process `pid`, or `nil` when it is gone.
    static func read(_ pid: Int32) -> ProcessStats? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let fields = statFields(pid),
            let rssLine = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kib = Int(rssLine.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { return nil }
        // utime and stime are fields 14 and 15 of the whole line: 12 and 13 after the name and state.
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return nil }
        return ProcessStats(residentBytes: kib * 1024, cpuSeconds: (user + system) / Double(sysconf(Int32(_SC_CLK_TCK))))
    }

    /// The parent of process `pid`, or `nil` when it is gone.
    static func parent(of pid: Int32) -> Int32? {
        // The parent is field 4 of the whole line: 1 after the name and state.
        guard let fields = statFields(pid), fields.count > 1 else { return nil }
        return Int32(fields[1])
    }

    /// The fields of `/proc/PID/stat` after the command name, from the state on; `nil` when the
    /// process is gone. The name may hold spaces: the fields start after its closing parenthesis.
    private static func statFields(_ pid: Int32) -> [Substring]? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")")
        else { return nil }
        return stat[stat.index(after: close)...].split(separator: " ")
    }

    /// The processes whose parent is `pid`.
    static func children(of pid: Int32) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { parent(of: $0) == pid }
    }

    /// CPU seconds the whole machine spent busy and in total since boot (`/proc/stat`).
    static func machineCPU() -> (busy: Double, total: Double) {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return (0, 0) }
        let values = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard values.count >= 5 else { return (0, 0) }
        let total = values.reduce(0, +)
        let idle = values[3] + values[4]  // idle and iowait
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        return ((total - idle) / ticks, total / ticks)
    }

    /// The load average over the last minute.
    static func loadAverage() -> Double {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return Double(text.split(separator: " ").first ?? "") ?? .nan
    }
}

/// A monotonic reading that is the same clock in every process of the machine (Dispatch's
/// uptime is `CLOCK_MONOTONIC` on Linux), in nanoseconds: a poke's arrival in one process
/// compares with the action's start in another.
func monotonicNanos() -> UInt64 {
    DispatchTime.now().uptimeNanoseconds
}
