/// A unified diff of two texts by lines, as `diff -u` prints it, for showing a lawyer what
/// changed between the annex in a draft and the annex Waarborg generates.
///
/// The common head and tail are split off first (an edit to an annex is usually local);
/// the rest is aligned by a longest common subsequence. Past `maxCells` comparisons the
/// middle is shown as one replacement, so a hostile or unrelated section costs no more
/// than linear work.
public struct LineDiff: Sendable {
    public enum Line: Sendable, Equatable {
        case same(String)
        case removed(String)
        case added(String)
    }

    public let lines: [Line]

    public static let maxCells = 4_000_000

    public init(old: String, new: String) {
        let before = LineDiff.split(old)
        let after = LineDiff.split(new)
        var head = 0
        while head < before.count, head < after.count, before[head] == after[head] { head += 1 }
        var tail = 0
        while tail < before.count - head, tail < after.count - head, before[before.count - 1 - tail] == after[after.count - 1 - tail] {
            tail += 1
        }
        let middleOld = Array(before[head..<(before.count - tail)])
        let middleNew = Array(after[head..<(after.count - tail)])
        var result = before[..<head].map(Line.same)
        result += LineDiff.align(middleOld, middleNew)
        result += before[(before.count - tail)...].map(Line.same)
        lines = result
    }

    public var isEmpty: Bool { !lines.contains { if case .same = $0 { false } else { true } } }

    /// The hunks of the diff with `context` unchanged lines around each change; line
    /// numbers start at `firstLine` on both sides (the section's first line in the file).
    public func unified(oldName: String, newName: String, firstLine: Int = 1, context: Int = 3) -> String {
        guard !isEmpty else { return "" }
        var out = "--- \(oldName)\n+++ \(newName)\n"
        // Positions of changed lines; hunks join when their contexts touch.
        let changed = lines.indices.filter { if case .same = lines[$0] { false } else { true } }
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let range = max(0, index - context)...min(lines.count - 1, index + context)
            if let last = hunks.last, range.lowerBound <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                hunks.append(range)
            }
        }
        for hunk in hunks {
            var oldStart = firstLine
            var newStart = firstLine
            for line in lines[..<hunk.lowerBound] {
                switch line {
                case .same: oldStart += 1; newStart += 1
                case .removed: oldStart += 1
                case .added: newStart += 1
                }
            }
            var oldCount = 0
            var newCount = 0
            var body = ""
            for line in lines[hunk] {
                switch line {
                case .same(let text): oldCount += 1; newCount += 1; body += " \(text)\n"
                case .removed(let text): oldCount += 1; body += "-\(text)\n"
                case .added(let text): newCount += 1; body += "+\(text)\n"
                }
            }
            // `diff -u` names the line before an empty side.
            let oldFrom = oldCount == 0 ? oldStart - 1 : oldStart
            let newFrom = newCount == 0 ? newStart - 1 : newStart
            out += "@@ -\(oldFrom),\(oldCount) +\(newFrom),\(newCount) @@\n" + body
        }
        return out
    }

    static func split(_ text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Longest common subsequence by dynamic programming over the middle part.
    static func align(_ old: [String], _ new: [String]) -> [Line] {
        if old.isEmpty { return new.map(Line.added) }
        if new.isEmpty { return old.map(Line.removed) }
        guard old.count * new.count <= maxCells else { return old.map(Line.removed) + new.map(Line.added) }
        let width = new.count + 1
        // lengths[i * width + j]: LCS length of old[i...] and new[j...].
        var lengths = [Int32](repeating: 0, count: (old.count + 1) * width)
        for i in stride(from: old.count - 1, through: 0, by: -1) {
            for j in stride(from: new.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = old[i] == new[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var result: [Line] = []
        var i = 0
        var j = 0
        while i < old.count, j < new.count {
            if old[i] == new[j] {
                result.append(.same(old[i])); i += 1; j += 1
            } else if lengths[(i + 1) * width + j] >= lengths[i * width + j + 1] {
                result.append(.removed(old[i])); i += 1
            } else {
                result.append(.added(new[j])); j += 1
            }
        }
        result += old[i...].map(Line.removed)
        result += new[j...].map(Line.added)
        return result
    }
}
