import Foundation

/// The diff for people (terminal text, Markdown for a ticket) and for programs (JSON). Each
/// returns the whole text without a final newline.
extension ReportDiff {
    /// Counts over every paired target, for the summary line.
    public var counts: (regressions: Int, fixes: Int, changed: Int, onlyInOld: Int, onlyInNew: Int) {
        targets.reduce((0, 0, 0, 0, 0)) { sum, target in
            (
                sum.0 + target.regressions.count, sum.1 + target.fixes.count, sum.2 + target.changed.count,
                sum.3 + target.onlyInOld.count, sum.4 + target.onlyInNew.count
            )
        }
    }

    /// One line: how many cases regressed, were fixed, or changed verdict.
    public var summary: String {
        let counts = counts
        var parts = [
            Self.count(counts.regressions, "regression"), Self.count(counts.fixes, "fix", plural: "fixes"),
            Self.count(counts.changed, "changed verdict"),
        ]
        if counts.onlyInOld > 0 { parts.append("\(counts.onlyInOld) only in OLD") }
        if counts.onlyInNew > 0 { parts.append("\(counts.onlyInNew) only in NEW") }
        if !targetsOnlyInOld.isEmpty { parts.append(Self.count(targetsOnlyInOld.count, "target") + " only in OLD") }
        if !targetsOnlyInNew.isEmpty { parts.append(Self.count(targetsOnlyInNew.count, "target") + " only in NEW") }
        return parts.joined(separator: ", ")
    }

    /// Plain text for the terminal: one line per changed case.
    public func renderText() -> String {
        var lines = ["OLD  \(Self.describe(old))", "NEW  \(Self.describe(new))"]
        for target in targets {
            lines += ["", target.heading]
            let unchanged = "\(target.unchanged) unchanged"
            lines.append("  " + (target.isEmpty ? "no changes, \(unchanged)" : "\(Self.targetSummary(target)), \(unchanged)"))
            for change in target.regressions { lines.append(Self.textLine("regressed", change, reason: change.new.reason)) }
            for change in target.fixes { lines.append(Self.textLine("fixed", change, reason: nil)) }
            for change in target.changed { lines.append(Self.textLine("changed", change, reason: change.new.reason)) }
            for id in target.onlyInOld { lines.append("  only in OLD  \(id)") }
            for id in target.onlyInNew { lines.append("  only in NEW  \(id)") }
        }
        if !targetsOnlyInOld.isEmpty || !targetsOnlyInNew.isEmpty { lines.append("") }
        for name in targetsOnlyInOld { lines.append("target only in OLD: \(name)") }
        for name in targetsOnlyInNew { lines.append("target only in NEW: \(name)") }
        lines += ["", summary]
        return lines.joined(separator: "\n")
    }

    /// Markdown to paste into a ticket: a table per kind of change.
    public func renderMarkdown() -> String {
        var lines = ["# wsconform diff", "", "- OLD: \(Self.describe(old))", "- NEW: \(Self.describe(new))", "", "**\(summary)**."]
        for target in targets {
            lines += ["", "## \(MarkdownReporter.cell(target.heading))", ""]
            lines.append(
                target.isEmpty
                    ? "No changes; \(target.unchanged) unchanged." : "\(Self.targetSummary(target)); \(target.unchanged) unchanged.")
            Self.table("Regressions", target.regressions, into: &lines)
            Self.table("Fixes", target.fixes, into: &lines)
            Self.table("Changed verdicts", target.changed, into: &lines)
            Self.list("Only in OLD", target.onlyInOld, into: &lines)
            Self.list("Only in NEW", target.onlyInNew, into: &lines)
        }
        Self.list("Targets only in OLD", targetsOnlyInOld, level: "##", into: &lines)
        Self.list("Targets only in NEW", targetsOnlyInNew, level: "##", into: &lines)
        return lines.joined(separator: "\n")
    }

    /// The diff as JSON (sorted keys, so two diffs compare as text).
    public func renderJSON() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    private static func describe(_ side: Side) -> String {
        (side.file.map { "\($0), " } ?? "") + "started \(side.startedAt), wsconform \(side.toolVersion)" + (side.strict ? ", strict" : "")
    }

    private static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
    }

    private static func targetSummary(_ target: TargetDiff) -> String {
        var parts: [String] = []
        if !target.regressions.isEmpty { parts.append(count(target.regressions.count, "regression")) }
        if !target.fixes.isEmpty { parts.append(count(target.fixes.count, "fix", plural: "fixes")) }
        if !target.changed.isEmpty { parts.append(count(target.changed.count, "changed verdict")) }
        if !target.onlyInOld.isEmpty { parts.append("\(target.onlyInOld.count) only in OLD") }
        if !target.onlyInNew.isEmpty { parts.append("\(target.onlyInNew.count) only in NEW") }
        return parts.joined(separator: ", ")
    }

    private static func name(_ change: CaseChange) -> String { change.id + (change.autobahn.map { " (\($0))" } ?? "") }

    private static func textLine(_ kind: String, _ change: CaseChange, reason: String?) -> String {
        let padded = kind.padding(toLength: 11, withPad: " ", startingAt: 0)
        return "  \(padded)  \(name(change)): \(change.old.verdict) → \(change.new.verdict)"
            + (reason.map { " — \(Baseline.oneLine($0))" } ?? "")
    }

    private static func table(_ title: String, _ changes: [CaseChange], into lines: inout [String]) {
        guard !changes.isEmpty else { return }
        lines += ["", "### \(title)", "", "| case | Autobahn | OLD | NEW | reason |", "| --- | --- | --- | --- | --- |"]
        for change in changes {
            // A fix says what used to be wrong; anything else says what is wrong (or different) now.
            let fixed = change.new.passed && !change.old.passed
            let reason = MarkdownText.prose((fixed ? change.old.reason : change.new.reason ?? change.old.reason) ?? "")
            lines.append("| `\(change.id)` | \(change.autobahn ?? "") | \(change.old.verdict) | \(change.new.verdict) | \(reason) |")
        }
    }

    private static func list(_ title: String, _ items: [String], level: String = "###", into lines: inout [String]) {
        guard !items.isEmpty else { return }
        lines += ["", "\(level) \(title)", ""]
        lines += items.map { "- `\($0)`" }
    }
}

extension TargetDiff {
    /// The target's name, or "OLD → NEW" when the two runs named it differently.
    var heading: String { old == new ? old : "\(old) → \(new)" }
}
