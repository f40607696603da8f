/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, well-mixed generator. The
/// benchmark's inputs and the generated tests' cases depend only on the seed, never on
/// the machine or the run. The one seeded generator of the project (bench and tests).
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<bound, without modulo bias worth worrying about here; 0 when bound <= 0.
    public mutating func below(_ bound: Int) -> Int {
        bound <= 0 ? 0 : Int((next() >> 11) % UInt64(bound))
    }

    /// Uniform in the closed range.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool {
        Double(next() >> 11) / Double(1 << 53) < p
    }

    public mutating func pick<T>(_ items: [T]) -> T {
        items[below(items.count)]
    }

    /// `count` distinct elements (fewer when there are fewer), in drawing order.
    public mutating func sample<T>(_ items: [T], _ count: Int) -> [T] {
        var pool = items
        var result: [T] = []
        while result.count < count, !pool.isEmpty {
            result.append(pool.remove(at: below(pool.count)))
        }
        return result
    }

    /// An independent stream for a sub-task (so adding draws in one part does not shift another).
    public mutating func fork(_ salt: UInt64) -> SplitMix64 {
        SplitMix64(seed: next() ^ (salt &* 0xD1B5_4A32_D192_ED03))
    }
}
