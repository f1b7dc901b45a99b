import Cases
import Synchronization

/// The verdicts of the cases run again to tell a timing-dependent verdict from a steady one
/// (`--confirm`). A judged case that did not pass runs `runs` more times, right after its first
/// run and on the same worker, so the runs overlap with the rest of the catalogue instead of
/// making a pass of their own at the end (the fail-fast cases wait a second each, whatever the
/// target). A verdict that changes is reported with each verdict seen, and the first run's
/// stands; it is never hidden.
///
/// At most `limit` cases are confirmed, the first to finish without passing: a target that
/// fails more than that many is failing, whatever the timing.
final class Confirmations: Sendable {
    let runs: Int
    let limit: Int

    private struct State {
        var seen: [Int: [String]] = [:]
        var confirmed = 0
    }

    private let state = Mutex(State())

    init(runs: Int, limit: Int) {
        self.runs = max(0, runs)
        self.limit = max(0, limit)
    }

    /// True when the case at `index` is to be run again after `first`, its first run: a judged
    /// verdict that does not pass, while fewer than `limit` cases have been confirmed.
    func admits(_ index: Int, _ first: CaseResult) -> Bool {
        guard runs > 0, case .judged = first.outcome, !first.passes(strict: true) else { return false }
        return state.withLock { state in
            guard state.confirmed < limit else { return false }
            state.confirmed += 1
            state.seen[index] = [first.verdictWords]
            return true
        }
    }

    /// Notes the verdict of one more run of the case at `index` (a run that was not judged,
    /// such as one that could not connect, says nothing about the verdict).
    func record(_ index: Int, _ result: CaseResult) {
        guard case .judged = result.outcome else { return }
        state.withLock { $0.seen[index, default: []].append(result.verdictWords) }
    }

    /// Drops what was seen of these cases: they run afresh (the target was away meanwhile).
    func forget(_ indices: [Int]) {
        state.withLock { state in
            for index in indices where state.seen.removeValue(forKey: index) != nil { state.confirmed -= 1 }
        }
    }

    /// Marks each case whose runs gave different verdicts as timing-dependent, with every
    /// verdict seen and how often.
    func apply(to results: inout [CaseResult?]) {
        let seen = state.withLock { $0.seen }
        for (index, verdicts) in seen where Set(verdicts).count > 1 && results[index] != nil {
            var counts: [(String, Int)] = []
            for verdict in verdicts {
                if let at = counts.firstIndex(where: { $0.0 == verdict }) { counts[at].1 += 1 } else { counts.append((verdict, 1)) }
            }
            let words = counts.map { "\($0.0) ×\($0.1)" }
            results[index]?.verdictsSeen = words
            results[index]?.reasons.append(
                "timing-dependent: \(verdicts.count) runs gave \(words.joined(separator: ", ")); the first run's verdict stands")
        }
    }
}
