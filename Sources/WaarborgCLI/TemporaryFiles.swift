import Foundation

/// The temporary files of outputs being written, removed when SIGINT, SIGTERM or SIGHUP
/// stop the program: an interrupted `--output` leaves the old file intact and no
/// `.NAME.….tmp` beside it.
///
/// A signal handler may only call async-signal-safe functions, so the paths are kept as
/// C strings in a fixed table that the handler reads without locks or allocation.
enum TemporaryFiles {
    static let slots = 32

    nonisolated(unsafe) private static let table: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        table.initialize(repeating: nil, count: slots)
        return table
    }()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var installed = false

    /// Registers a temporary file; the slot to pass to `unregister`, nil when the table is
    /// full (the file is then only removed by a normal exit path).
    static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            installed = true
            for signal in [SIGINT, SIGTERM, SIGHUP] { install(signal) }
        }
        for slot in 0..<slots where table[slot] == nil {
            table[slot] = strdup(path)
            return slot
        }
        return nil
    }

    static func unregister(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        let path = table[slot]
        table[slot] = nil
        free(path)
    }

    private static func install(_ number: Int32) {
        let previous = signal(number, removeAndReraise)
        // A signal the parent chose to ignore (`nohup`) stays ignored.
        if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { signal(number, SIG_IGN) }
    }

    /// Removes every registered file, then dies of the signal as if no handler were set,
    /// so the parent sees the usual exit status (130 for Ctrl-C in a shell).
    private static let removeAndReraise: @convention(c) (Int32) -> Void = { number in
        for slot in 0..<TemporaryFiles.slots {
            if let path = TemporaryFiles.table[slot] { unlink(path) }
        }
        signal(number, SIG_DFL)
        raise(number)
    }
}
