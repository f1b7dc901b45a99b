import Cases
import Reports

/// Reads wsconform's own config format (docs/config.md). Strict: an unknown key, a wrong type or
/// a value out of range is an error naming its JSON path, since a setting silently ignored is a
/// run that tests something other than what was meant.
struct WSConformConfigReader {
    static let schemaVersion = 1
    static let keys = [
        "schemaVersion", "targets", "cases", "exclude", "jobs", "timeoutScale", "strict", "formats", "reportDir", "baseline", "tls",
    ]
    static let targetKeys = ["url", "agent", "headers", "origin", "subprotocols", "excludeCases"]
    static let tlsKeys = ["caFile", "insecure", "cert", "key"]

    let catalogue: [TestCase]

    func read(_ root: ConfigNode) throws(ConfigError) -> RunPlan {
        try Self.rejectUnknownKeys(root, known: Self.keys)
        var plan = RunPlan(format: .wsconform)
        if let node = root.optional("schemaVersion") {
            let version = try node.integer()
            guard version == Self.schemaVersion else {
                throw node.error("unsupported version \(version) (this wsconform reads version \(Self.schemaVersion))")
            }
        }
        guard let targets = root.optional("targets") else { throw root.child("targets").error("missing: at least one target is required") }
        for element in try targets.array() { plan.targets.append(try target(element)) }
        guard !plan.targets.isEmpty else { throw targets.error("at least one target is required") }
        if let node = root.optional("cases") { plan.cases = try patterns(node) }
        if let node = root.optional("exclude") { plan.exclude = try patterns(node) }
        if let node = root.optional("jobs") {
            let jobs = try node.integer()
            guard (1...512).contains(jobs) else { throw node.error("\(jobs) is out of range 1...512") }
            plan.jobs = jobs
        }
        if let node = root.optional("timeoutScale") {
            let scale = try node.number()
            guard scale > 0, scale <= 100 else { throw node.error("\(Self.text(scale)) is out of range (0, 100]") }
            plan.timeoutScale = scale
        }
        if let node = root.optional("strict") { plan.strict = try node.bool() }
        if let node = root.optional("formats") { plan.formats = try formats(node) }
        if let node = root.optional("reportDir") { plan.reportDirectory = try node.string() }
        if let node = root.optional("baseline") { plan.baseline = try node.string() }
        if let node = root.optional("tls") { plan.tls = try tls(node) }
        return plan
    }

    /// Refuses keys the format does not define, suggesting the nearest known one.
    static func rejectUnknownKeys(_ node: ConfigNode, known: [String]) throws(ConfigError) {
        for (key, child) in try node.object() where !known.contains(key) {
            let hint =
                Suggestion.closest(to: key, in: known).map { "; did you mean \"\($0)\"?" }
                ?? " (known keys: \(known.joined(separator: ", ")))"
            throw child.error("unknown key\(hint)")
        }
    }

    private func target(_ node: ConfigNode) throws(ConfigError) -> RunPlan.Target {
        try Self.rejectUnknownKeys(node, known: Self.targetKeys)
        guard let url = node.optional("url") else { throw node.child("url").error("missing: every target needs a ws:// or wss:// URL") }
        var target = RunPlan.Target(url: try TargetChecks.url(url))
        if let agent = node.optional("agent") { target.agent = try agent.string() }
        if let headers = node.optional("headers") { target.headers = try self.headers(headers) }
        if let origin = node.optional("origin") { target.origin = try origin.string() }
        if let subprotocols = node.optional("subprotocols") {
            target.subprotocols = try subprotocols.array().map { (element) throws(ConfigError) in
                let name = try element.string()
                guard TargetChecks.isToken(name) else { throw element.error("\"\(name)\" is not a valid subprotocol name (RFC 6455 §4.1)") }
                return name
            }
        }
        if let excluded = node.optional("excludeCases") { target.excludeCases = try patterns(excluded) }
        return target
    }

    /// Header fields as an object (`{"Name": "value"}`, in file order) or a list of `"Name: value"` lines.
    private func headers(_ node: ConfigNode) throws(ConfigError) -> [RunPlan.HeaderField] {
        var fields: [RunPlan.HeaderField] = []
        switch node.value {
        case .object:
            for (name, child) in try node.object() {
                fields.append(try TargetChecks.header(name: name, value: try child.string(), at: child))
            }
        case .array:
            for element in try node.array() {
                let line = try element.string()
                guard let colon = line.firstIndex(of: ":") else { throw element.error("expected \"Name: value\", found \"\(line)\"") }
                fields.append(
                    try TargetChecks.header(name: String(line[..<colon]), value: String(line[line.index(after: colon)...]), at: element))
            }
        default:
            throw node.error("expected an object of fields or a list of \"Name: value\" strings, found \(node.value.kind)")
        }
        return fields
    }

    /// Case globs, each of which must select some case: a typo must not half-run.
    private func patterns(_ node: ConfigNode) throws(ConfigError) -> [String] {
        try node.array().map { (element) throws(ConfigError) in
            let pattern = try element.string()
            guard TargetChecks.matchesSomething(pattern, in: catalogue) else { throw element.error("\"\(pattern)\" matches no case") }
            return pattern
        }
    }

    private func formats(_ node: ConfigNode) throws(ConfigError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for element in try node.array() {
            let name = try element.string()
            guard let format = ReportFormat(rawValue: name) else {
                let known = ReportFormat.allCases.map(\.rawValue)
                let hint = Suggestion.closest(to: name, in: known).map { "; did you mean \"\($0)\"?" } ?? ""
                throw element.error("unknown format \"\(name)\"\(hint) (formats: \(known.joined(separator: ", ")))")
            }
            if !formats.contains(format) { formats.append(format) }
        }
        return formats
    }

    private func tls(_ node: ConfigNode) throws(ConfigError) -> RunPlan.TLS {
        try Self.rejectUnknownKeys(node, known: Self.tlsKeys)
        var tls = RunPlan.TLS()
        if let caFile = node.optional("caFile") { tls.caFile = try caFile.string() }
        if let insecure = node.optional("insecure") { tls.insecure = try insecure.bool() }
        if let cert = node.optional("cert") { tls.certificateFile = try cert.string() }
        if let key = node.optional("key") { tls.privateKeyFile = try key.string() }
        guard (tls.certificateFile == nil) == (tls.privateKeyFile == nil) else { throw node.error("cert and key go together") }
        return tls
    }

    /// A number as a person writes it: `2`, not `2.0`.
    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
