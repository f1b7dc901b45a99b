/// Applies a baseline's waivers to a finished run: which failures are known, which are new,
/// which waivers can be dropped, and which match nothing. Pure: a report in, a report out.
public enum BaselineComparison {
    /// `report` with each waived failure marked, totals recomputed, and each target's
    /// `BaselineOutcome` set. Cases that could not run are never waived: an unreachable target
    /// must not pass as a known failure. Waivers already in `report` are replaced, not added to.
    public static func apply(_ baseline: Baseline, to report: RunReport) -> RunReport {
        var result = report
        result.baseline = baseline.path
        // A waiver for a target this run did not test matches nothing here, whatever its case.
        let foreign = baseline.waivers.filter { waiver in waiver.target != nil && !report.targets.contains { waiver.applies(to: $0) } }
        result.targets = report.targets.map { target in
            var compared = compare(target, with: baseline.waivers.filter { $0.applies(to: target) })
            compared.baseline?.unmatched += foreign.map(\.label)
            return compared
        }
        return result
    }

    /// One target against the waivers that apply to it.
    static func compare(_ target: TargetReport, with waivers: [Baseline.Waiver]) -> TargetReport {
        var result = target
        var outcome = BaselineOutcome()
        var used = Array(repeating: false, count: waivers.count)
        result.cases = target.cases.map { item in
            var item = item
            item.waiver = nil
            let index = waivers.firstIndex { $0.covers(item) }
            for (position, waiver) in waivers.enumerated() where waiver.covers(item) { used[position] = true }
            if item.passed {
                if index != nil { outcome.fixed.append(item.id) }
            } else if item.error == nil {
                if let index {
                    item.waiver = waivers[index].reason
                    outcome.waived.append(item.id)
                } else {
                    outcome.newFailures.append(item.id)
                }
            }
            return item
        }
        outcome.unmatched = zip(waivers, used).filter { !$0.1 }.map { $0.0.label }
        result.totals = Totals(result.cases)
        result.checklist = Checklist.build(result)
        result.baseline = outcome
        return result
    }
}
