import Foundation

/// A CPU allowance shared by a set of processes: a Linux control group with a CFS quota.
///
/// On a machine with few cores, one process of the service fills them all, so adding processes
/// cannot show whether throughput would rise with more nodes. Giving each process (and
/// PostgreSQL) a group of its own with a fixed share of a core measures what processes on nodes
/// of that size would do, and which side runs out first. Works with the `cpu` controller of
/// cgroup v1 (`/sys/fs/cgroup/cpu`) or v2 (`/sys/fs/cgroup` with `cpu` enabled for children), as
/// root.
struct CPUGroup {
    /// The group's folder.
    let path: String
    /// The folder of the group the processes go back to when this one is removed.
    let parent: String

    /// Creates the group `name` with an allowance of `cores` (for example 0.25), enforced every
    /// `period` (short periods keep a throttled process's pauses short).
    static func create(name: String, cores: Double, period: Duration = .milliseconds(20)) throws -> CPUGroup {
        let periodMicros = Int(period.components.seconds * 1_000_000 + period.components.attoseconds / 1_000_000_000_000)
        let quotaMicros = max(1_000, Int(Double(periodMicros) * cores))
        let manager = FileManager.default
        if manager.fileExists(atPath: "/sys/fs/cgroup/cpu/cpu.cfs_quota_us") {
            let group = CPUGroup(path: "/sys/fs/cgroup/cpu/\(name)", parent: "/sys/fs/cgroup/cpu")
            try group.makeFolder()
            try group.write("\(periodMicros)", to: "cpu.cfs_period_us")
            try group.write("\(quotaMicros)", to: "cpu.cfs_quota_us")
            return group
        }
        let controllers = (try? String(contentsOfFile: "/sys/fs/cgroup/cgroup.subtree_control", encoding: .utf8)) ?? ""
        if controllers.split(whereSeparator: \.isWhitespace).contains("cpu") {
            let group = CPUGroup(path: "/sys/fs/cgroup/\(name)", parent: "/sys/fs/cgroup")
            try group.makeFolder()
            try group.write("\(quotaMicros) \(periodMicros)", to: "cpu.max")
            return group
        }
        throw BenchFailure(
            "no writable cpu controller (cgroup v1 /sys/fs/cgroup/cpu, or v2 with cpu in cgroup.subtree_control): run as root, or leave out the CPU allowances"
        )
    }

    /// Moves process `pid` (its threads too) into the group. Children it forks later start in it.
    func add(_ pid: Int32) throws {
        try write("\(pid)", to: "cgroup.procs")
    }

    /// Periods so far, and how many of them ran out of allowance.
    func throttling() -> (periods: Int, throttled: Int) {
        let text = (try? String(contentsOfFile: path + "/cpu.stat", encoding: .utf8)) ?? ""
        var values: [Substring: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2, let value = Int(parts[1]) { values[parts[0]] = value }
        }
        return (values["nr_periods"] ?? 0, values["nr_throttled"] ?? 0)
    }

    /// Moves every process back to the parent group and removes the group.
    func remove() {
        let members = (try? String(contentsOfFile: path + "/cgroup.procs", encoding: .utf8)) ?? ""
        for pid in members.split(separator: "\n") {
            try? "\(pid)".write(toFile: parent + "/cgroup.procs", atomically: false, encoding: .utf8)
        }
        rmdir(path)
    }

    private func makeFolder() throws {
        if FileManager.default.fileExists(atPath: path) {
            remove()
        }
        guard mkdir(path, 0o755) == 0 else { throw BenchFailure("cannot create the control group \(path) (errno \(errno))") }
    }

    private func write(_ value: String, to file: String) throws {
        do {
            try value.write(toFile: path + "/" + file, atomically: false, encoding: .utf8)
        } catch {
            throw BenchFailure("cannot write \(value) to \(path)/\(file): \(error)")
        }
    }
}
