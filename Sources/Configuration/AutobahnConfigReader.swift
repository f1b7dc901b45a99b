import Cases

/// Imports Autobahn|Testsuite's `fuzzingclient.json`, the file teams running Autobahn already
/// have: `servers` become targets, `cases` / `exclude-cases` become case globs,
/// `exclude-agent-cases` per-target excludes, `outdir` the report directory.
///
/// Lenient where Autobahn's own settings do not apply: each ignored key and each case pattern
/// the catalogue has no case for (e.g. the permessage-deflate categories 12.* and 13.*) becomes
/// one warning instead of an error, so an existing file runs unchanged. What would make the
/// run wrong (no servers, a URL that is not ws/wss, wrong types) is still an error.
struct AutobahnConfigReader {
    static let keys: Set = ["options", "outdir", "servers", "cases", "exclude-cases", "exclude-agent-cases"]
    static let serverKeys: Set = ["agent", "url", "options"]

    /// Why an Autobahn option has no effect here.
    static let optionReasons = [
        "failByDrop":
            "wsconform fails a connection as RFC 6455 §7.1.7 says and judges how the server closed on the close axis; there is no switch",
        "version": "wsconform speaks RFC 6455 only (Sec-WebSocket-Version: 13, RFC 6455 §4.1)",
    ]

    let catalogue: [TestCase]

    func read(_ root: ConfigNode) throws(ConfigError) -> RunPlan {
        var plan = RunPlan(format: .autobahn)
        for (key, node) in try root.object() where !Self.keys.contains(key) {
            plan.warnings.append(warning(node, "not a fuzzingclient setting wsconform knows"))
        }
        if let options = root.optional("options") { plan.warnings += try optionWarnings(options) }
        guard let servers = root.optional("servers") else { throw root.child("servers").error("missing: at least one server is required") }
        for element in try servers.array() {
            let (target, warnings) = try server(element)
            plan.targets.append(target)
            plan.warnings += warnings
        }
        guard !plan.targets.isEmpty else { throw servers.error("at least one server is required") }
        if let node = root.optional("outdir") { plan.reportDirectory = try node.string() }
        if let node = root.optional("cases") {
            let given = try node.array()
            let kept = try patterns(node, prefix: true, warnings: &plan.warnings)
            if !given.isEmpty && kept.isEmpty { throw node.error("no pattern matches a case wsconform has") }
            plan.cases = kept
        }
        if let node = root.optional("exclude-cases") { plan.exclude = try patterns(node, prefix: true, warnings: &plan.warnings) }
        if let node = root.optional("exclude-agent-cases") { try agentExcludes(node, into: &plan) }
        return plan
    }

    private func warning(_ node: ConfigNode, _ reason: String) -> String { "\(node.file): \(node.path): ignored: \(reason)" }

    private func optionWarnings(_ node: ConfigNode) throws(ConfigError) -> [String] {
        try node.object().map { warning($0.node, Self.optionReasons[$0.key] ?? "Autobahn option with no wsconform equivalent") }
    }

    private func server(_ node: ConfigNode) throws(ConfigError) -> (RunPlan.Target, [String]) {
        var warnings: [String] = []
        for (key, child) in try node.object() where !Self.serverKeys.contains(key) {
            warnings.append(warning(child, "not a server setting wsconform knows"))
        }
        guard let url = node.optional("url") else { throw node.child("url").error("missing: every server needs a ws:// or wss:// URL") }
        var target = RunPlan.Target(url: try TargetChecks.url(url))
        if let agent = node.optional("agent") { target.agent = try agent.string() }
        if let options = node.optional("options") { warnings += try optionWarnings(options) }
        return (target, warnings)
    }

    /// Autobahn case patterns as `CaseSelection` globs. Autobahn matched a pattern with `*` only
    /// at the start of an id (`6.*.1` also picked 6.2.10), so such a pattern gets a trailing `*`
    /// unless it has one; a pattern without `*` names one case, as here. Patterns that select
    /// no case are dropped with a warning.
    private func patterns(_ node: ConfigNode, prefix: Bool, warnings: inout [String]) throws(ConfigError) -> [String] {
        var kept: [String] = []
        for element in try node.array() {
            var pattern = try element.string()
            if prefix && pattern.contains("*") && !pattern.hasSuffix("*") { pattern += "*" }
            if TargetChecks.matchesSomething(pattern, in: catalogue) {
                kept.append(pattern)
            } else {
                warnings.append(warning(element, "\"\(pattern)\" matches no case wsconform has"))
            }
        }
        return kept
    }

    /// `{"agent glob": ["case pattern", …]}`: Autobahn matched both whole, with `*` as a wildcard.
    private func agentExcludes(_ node: ConfigNode, into plan: inout RunPlan) throws(ConfigError) {
        for (agentPattern, child) in try node.object() {
            let indices = plan.targets.indices.filter { plan.targets[$0].agent.map { CaseSelection.glob(agentPattern, $0) } == true }
            let patterns = try self.patterns(child, prefix: false, warnings: &plan.warnings)
            if indices.isEmpty {
                plan.warnings.append(warning(child, "no server's agent matches \"\(agentPattern)\""))
            }
            for index in indices { plan.targets[index].excludeCases += patterns }
        }
    }
}
