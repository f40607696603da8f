/// Finds the closest known name to a misspelt one, for "did you mean …?" hints.
public enum Suggestions {
    /// The candidate nearest to `name` by edit distance, if it is close enough to be a
    /// plausible typo (at most a third of the name's length, and at least one edit); else
    /// the one candidate of which `name` is whole words (`joint_training` for
    /// `joint_training_recruitment`, `turnover` for `turnover_eur_prev_year`), when exactly
    /// one is: a name cut short is the other common slip, and a guess among several is none.
    /// Above this many candidates no suggestion is computed: a typo among thousands of
    /// party ids is better found by search, and the cost would grow with the file.
    public static let maxCandidates = 5_000

    /// "; did you mean `x`?" after a message about an unknown name, in both languages, or
    /// `otherwise` when no known name is close: the one wording of every such hint.
    public static func didYouMean(_ suggestion: String?, otherwise: Bilingual = Bilingual(verbatim: "")) -> Bilingual {
        suggestion.map { Bilingual("; did you mean `\($0)`?", nl: "; bedoelde je `\($0)`?") } ?? otherwise
    }

    public static func closest(to name: String, in candidates: some Collection<String>) -> String? {
        guard candidates.count <= maxCandidates, name.count <= 200 else { return nil }
        let target = Array(name.lowercased())
        let limit = max(1, target.count / 3)
        var best: (distance: Int, name: String)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()), limit: limit)
            guard distance <= limit else { continue }
            if let current = best {
                if distance < current.distance || (distance == current.distance && candidate < current.name) {
                    best = (distance, candidate)
                }
            } else {
                best = (distance, candidate)
            }
        }
        return best?.name ?? wordsOf(target, in: candidates)
    }

    /// The single candidate that holds `name` as whole `_`-separated words, if one does.
    private static func wordsOf(_ target: [Character], in candidates: some Collection<String>) -> String? {
        guard target.count >= 4 else { return nil }
        let name = String(target)
        var found: String?
        for candidate in candidates {
            let lowered = candidate.lowercased()
            guard lowered != name, ("_" + lowered + "_").contains("_" + name + "_") else { continue }
            if found != nil { return nil }
            found = candidate
        }
        return found
    }

    /// Levenshtein distance with transpositions counted as one edit; stops early once
    /// every path exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    value = min(value, previousPrevious[j - 2] + 1)
                }
                current[j] = value
                rowMinimum = min(rowMinimum, value)
            }
            if rowMinimum > limit { return limit + 1 }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
