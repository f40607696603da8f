import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Monotonic time in nanoseconds.
func now() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

/// Runs `body` and returns its result and the seconds it took.
@inline(never)
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = now()
    let result = try body()
    return (result, Double(now() - start) / 1e9)
}

/// Median, minimum and maximum of repeated measurements.
struct Stats: Codable, Sendable {
    var samples: [Double]

    init(_ samples: [Double]) { self.samples = samples }

    var median: Double {
        guard !samples.isEmpty else { return .nan }
        let sorted = samples.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
    var min: Double { samples.min() ?? .nan }
    var max: Double { samples.max() ?? .nan }
    var count: Int { samples.count }

    func scaled(_ factor: Double) -> Stats { Stats(samples.map { $0 * factor }) }
}

/// Peak and current resident set size of this process, in bytes (Linux /proc).
enum Memory {
    static func status(_ key: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let digits = line.dropFirst(key.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }

    /// The high-water mark of the resident set (VmHWM).
    static var peak: Int { status("VmHWM") ?? 0 }
    static var current: Int { status("VmRSS") ?? 0 }
}

/// The result of a child process: wall time and exit status.
struct ProcessRun {
    let seconds: Double
    let status: Int32
}

enum Spawn {
    /// Runs `arguments[0]` (a path) with standard output and error sent to /dev/null, in
    /// `directory`; measures from just before spawning to just after reaping.
    static func run(_ arguments: [String], directory: String? = nil, stdoutPath: String = "/dev/null") -> ProcessRun {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let previous = FileManager.default.currentDirectoryPath
        if let directory { _ = FileManager.default.changeCurrentDirectoryPath(directory) }
        defer { if directory != nil { _ = FileManager.default.changeCurrentDirectoryPath(previous) } }

        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        argv.append(nil)
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let start = now()
        let spawned = posix_spawn(&pid, arguments[0], &actions, nil, argv, environ)
        guard spawned == 0 else { return ProcessRun(seconds: .nan, status: -1) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let seconds = Double(now() - start) / 1e9
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : -(status & 0x7f)
        return ProcessRun(seconds: seconds, status: exitStatus)
    }

    /// The peak resident set of a command, from GNU time (`/usr/bin/time -f %M`), which forks
    /// it from a small process. wait4's ru_maxrss on a process this benchmark spawns
    /// directly is no use: posix_spawn uses vfork, and Linux carries the spawning process's
    /// own peak over to the child at exec, so every child would seem as large as the bench.
    static func maxRSS(_ arguments: [String]) -> Int? {
        let time = "/usr/bin/time"
        guard FileManager.default.isExecutableFile(atPath: time) else { return nil }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waarborg-bench-rss-\(getpid())-\(now())").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = run([time, "-f", "%M", "-o", path] + arguments)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let kib = text.split(separator: "\n").last.flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) })
        else { return nil }
        return kib * 1024
    }

    /// Runs a command and returns its standard output (for the child measurements and the peers).
    static func capture(_ arguments: [String], directory: String? = nil) -> (output: String, run: ProcessRun) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("waarborg-bench-\(getpid())-\(now()).out").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = run(arguments, directory: directory, stdoutPath: path)
        let output = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return (output, run)
    }
}

/// What the machine is, for the report.
enum Machine {
    static var cpu: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "unknown CPU" }
        var model = "unknown CPU"
        var mhz = ""
        var count = 0
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            switch parts[0] {
            case "model name": model = parts[1]; count += 1
            case "cpu MHz" where mhz.isEmpty: mhz = parts[1]
            default: break
            }
        }
        let speed = Double(mhz).map { String(format: ", %.0f MHz", $0) } ?? ""
        return "\(count) × \(model)\(speed)"
    }

    static var memory: String {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") })
        else { return "unknown memory" }
        let kib = Double(line.filter(\.isNumber)) ?? 0
        return String(format: "%.1f GiB RAM", kib / 1024 / 1024)
    }

    static var kernel: String {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        return "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
    }

    /// The 1-, 5- and 15-minute load averages: other work on the machine shows in the times.
    static var load: String {
        let text = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? ""
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var swiftVersion: String {
        let (output, _) = Spawn.capture(["/usr/bin/env", "swift", "--version"])
        return output.split(separator: "\n").first.map(String.init) ?? "unknown Swift"
    }
}
