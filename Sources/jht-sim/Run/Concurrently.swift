/// Runs `count` jobs with at most `limit` at once and returns their results in job order.
enum Concurrently {
    static func run<T: Sendable>(_ count: Int, limit: Int, _ job: @escaping @Sendable (Int) async -> T) async -> [T] {
        guard count > 0 else { return [] }
        return await withTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            while next < min(max(limit, 1), count) {
                let index = next
                group.addTask { (index, await job(index)) }
                next += 1
            }
            while let (index, result) = await group.next() {
                results[index] = result
                if next < count {
                    let index = next
                    group.addTask { (index, await job(index)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
