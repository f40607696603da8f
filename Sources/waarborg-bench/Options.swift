import Foundation

/// The command line of `waarborg-bench`.
struct Options {
    var sizes = [10, 100, 1_000, 10_000, 100_000]
    var reps = 5
    /// Repetitions for sizes of 100,000 activities and more.
    var largeReps = 3
    var seed: UInt64 = 20_261_123
    var rules = "rules"
    var examples = "examples"
    var syntheticRules = 1_000
    var syntheticSizes = [100, 1_000]
    var peerSizes = [1_000, 10_000]
    var peers = true
    var process = true
    var processReps = 20
    /// Sizes up to this get the per-class timing of the remedy search.
    var classesMax = 10_000
    var output: String? = "docs/performance.md"
    var work = "bench/.work"
    var quick = false
    /// What was measured (default: `git describe --always --dirty` of the current folder).
    var revision: String?
    /// Runs bench/profile.sh (callgrind) on the plan of this many activities and adds it to the report.
    var profile: Int?

    static let usage = """
        waarborg-bench: measures Waarborg on synthetic plans and peers (issue 8).

        USAGE: swift run --scratch-path .build-bench -c release waarborg-bench [options]
               (bench/run.sh builds both executables first and passes its options on)

        OPTIONS:
          --quick                 a fast sanity run: sizes 10,100,1000, 3 repetitions, small peers
          --sizes LIST            plan sizes in activities (default 10,100,1000,10000,100000)
          --reps N                repetitions per measure (default 5; 3 for the sizes of 100,000 and more)
          --large-reps N          repetitions for sizes of 100,000 and more (default 3)
          --seed N                seed of the generators (default 20261123)
          --rules DIR             the real rule folder (default rules)
          --synthetic-rules N     rules in the synthetic rule set (default 1000; 0 leaves it out)
          --synthetic-sizes LIST  plan sizes evaluated against the synthetic rules (default 100,1000)
          --peer-sizes LIST       plan sizes for the Cedar and Rego comparison (default 1000,10000)
          --no-peers              leave the peers out
          --no-process            leave out the whole-process measurements
          --process-reps N        runs of each whole process (default 20)
          --output FILE           the report to write (default docs/performance.md)
          --no-write              print the table only
          --work DIR              generated inputs (default bench/.work, git-ignored)
          --profile SIZE          also count instructions of one evaluation of that plan with callgrind
                                  (bench/profile.sh) and add the engine's share per function to the report
          --revision TEXT         what was measured, for the report (default: git describe --always --dirty)
          --help
        """

    static func parse(_ arguments: [String]) throws -> Options {
        var options = Options()
        var explicit = Set<String>()
        var index = 0
        func list(_ text: String) throws -> [Int] {
            let values = text.split(separator: ",").map { Int($0.replacingOccurrences(of: "_", with: "")) }
            guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 0 }) else {
                throw Loading.Failure(description: "expected a list of numbers such as 10,100,1000, found `\(text)`")
            }
            return values.map { $0! }
        }
        while index < arguments.count {
            let argument = arguments[index]
            func value() throws -> String {
                index += 1
                guard index < arguments.count else { throw Loading.Failure(description: "\(argument) needs a value") }
                return arguments[index]
            }
            func number() throws -> Int {
                let text = try value()
                guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= 0 else {
                    throw Loading.Failure(description: "\(argument) needs a number, found `\(text)`")
                }
                return number
            }
            explicit.insert(argument)
            switch argument {
            case "--quick": options.quick = true
            case "--sizes": options.sizes = try list(value())
            case "--reps": options.reps = max(1, try number())
            case "--large-reps": options.largeReps = max(1, try number())
            case "--seed": options.seed = UInt64(try number())
            case "--rules": options.rules = try value()
            case "--examples": options.examples = try value()
            case "--synthetic-rules": options.syntheticRules = try number()
            case "--synthetic-sizes": options.syntheticSizes = try list(value())
            case "--peer-sizes": options.peerSizes = try list(value())
            case "--no-peers": options.peers = false
            case "--no-process": options.process = false
            case "--process-reps": options.processReps = max(1, try number())
            case "--output": options.output = try value()
            case "--no-write": options.output = nil
            case "--work": options.work = try value()
            case "--profile": options.profile = try number()
            case "--revision": options.revision = try value()
            case "--help", "-h":
                print(usage)
                exit(0)
            default:
                throw Loading.Failure(description: "unknown option \(argument); see --help")
            }
            index += 1
        }
        if options.quick {
            if !explicit.contains("--sizes") { options.sizes = [10, 100, 1_000] }
            if !explicit.contains("--reps") { options.reps = 3 }
            if !explicit.contains("--synthetic-sizes") { options.syntheticSizes = [100] }
            if !explicit.contains("--peer-sizes") { options.peerSizes = [1_000] }
            if !explicit.contains("--process-reps") { options.processReps = 5 }
            // A quick run is a sanity check, not the record.
            if !explicit.contains("--output") { options.output = nil }
        }
        options.sizes.sort()
        return options
    }

    func reps(for size: Int) -> Int { size >= 100_000 ? min(reps, largeReps) : reps }
}
