import Dispatch

/// `map` over the indices of many independent items, on every core: the items are cut
/// into chunks, each chunk runs with its own working state (a `LeanSession`, a memo), and
/// every result is written at its item's index, so the outcome is the same, in the same
/// order, as mapping one item after the other; only the time differs. Public for the
/// reports, which write the sections of a large plan the same way.
public enum ChunkedMap {
    /// Below `threshold` items, or with one chunk, everything runs on the calling thread:
    /// starting threads costs more than it saves.
    public static func map<State, Result>(
        count: Int, threshold: Int, chunkSize: Int, state makeState: @Sendable () -> State,
        _ body: @Sendable (inout State, Int) -> Result
    ) -> [Result] {
        guard count >= threshold, count > chunkSize else {
            var state = makeState()
            return (0..<count).map { body(&state, $0) }
        }
        let chunks = (count + chunkSize - 1) / chunkSize
        return [Result](unsafeUninitializedCapacity: count) { buffer, initialized in
            let results = ResultBuffer(base: buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var state = makeState()
                let start = chunk * chunkSize
                for index in start..<min(start + chunkSize, count) {
                    (results.base + index).initialize(to: body(&state, index))
                }
            }
            initialized = count
        }
    }
}

/// The results' memory, shared by the threads of `ChunkedMap`: each writes only the slots
/// of its own chunk, and the array is read only after all of them are done.
private struct ResultBuffer<Result>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Result>
}
