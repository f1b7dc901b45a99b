/// "Did you mean" for misspelt keys, options, commands and case ids: the closest known name by
/// edit distance, when it is close enough to be a typo rather than a different word.
public enum Suggestion {
    /// "; did you mean X?" for the closest candidate, or "" when none is close.
    public static func didYouMean(_ word: String, among candidates: [String]) -> String {
        closest(to: word, in: candidates).map { "; did you mean \($0)?" } ?? ""
    }

    /// The candidate nearest to `word` (case-insensitive) if within a third of its length (at
    /// least 1); else one that `word` starts, or that starts `word` (`timeout` → `timeoutScale`,
    /// `reportDirectory` → `reportDir`), for words of four letters or more.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = max(1, word.count / 3)
        let scored = candidates.map { ($0, distance(lowered, $0.lowercased())) }
        if let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= limit { return best.0 }
        guard word.count >= 4 else { return nil }
        return candidates.first { $0.count >= 4 && ($0.lowercased().hasPrefix(lowered) || lowered.hasPrefix($0.lowercased())) }
    }

    /// Edit distance: insertions, deletions, substitutions and swaps of two neighbours each cost
    /// one (Levenshtein with transpositions, the usual typo model).
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
