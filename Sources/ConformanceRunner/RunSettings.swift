import Cases
import Client
import Engine
import Posture
import Reports

/// Everything `run` was asked to do, validated: from the command line, a config file, or both
/// (the command line wins).
struct RunSettings {
    /// One target of the run, with its own name and connection settings.
    struct Target {
        var url: TargetURL
        /// The name reports use (`--agent`, a config's `agent`); the URL when nil.
        var agent: String?
        var options: RunOptions
        /// Case patterns left out for this target only (Autobahn's `exclude-agent-cases`).
        var exclude: [String] = []

        var name: String { agent ?? url.description }
    }

    var targets: [Target] = []
    var selection = CaseSelection()
    var jobs = CatalogueRunner.defaultJobs
    /// How many more times a case that did not pass is run, to catch a timing-dependent verdict.
    var confirmations = 1
    /// SHOULD-level deviations count as failures.
    var strict = false
    var formats = ReportFormat.defaults
    var reportDirectory: String?
    /// Known failures with reasons (`--baseline`), read and checked before the run.
    var baseline: Baseline?
    /// The pre-launch posture probes and the team's rules (`check`); nil for `run`.
    var posture: PosturePolicy?
    /// The command that starts the target (`--exec`): launched before its cases, stopped with
    /// SIGTERM after them, its memory, descriptors and shutdown measured.
    var exec: String?
    /// How long the launched target has between SIGTERM and SIGKILL (`--shutdown-grace`).
    var shutdownGrace: Duration = .seconds(5)
    var verbose = false
    var transcripts = false
    /// The command line as typed, for the report (secret header values redacted there).
    var commandLine = Array(CommandLine.arguments.dropFirst())

    /// The cases for `target`, in catalogue order.
    func cases(for target: Target) -> [TestCase] {
        let selected = selection.apply(to: Catalogue.all)
        guard !target.exclude.isEmpty else { return selected }
        return CaseSelection(exclude: target.exclude).apply(to: selected)
    }
}
