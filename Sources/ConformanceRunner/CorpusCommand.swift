import Configuration
import Foundation
import Fuzz
import Platform

/// `wsconform corpus merge|list`: the fuzz corpus as files, joined across shards and machines
/// (a CI matrix or an indexed job each fuzz one `--shard`) and listed for a person.
struct CorpusCommand: Command {
    static let name = "corpus"
    static let abstract = "merge fuzz corpora and findings from shards; list findings"
    static let options = ["--into"]
    static var usage: String {
        """
        USAGE: wsconform corpus merge DIR... --into DIR
               wsconform corpus list DIR

        merge joins corpora written by `wsconform fuzz` (for example one per --shard) into the
        --into directory, created if missing: scripts (DIR/*.json) are deduplicated by content
        hash, findings (DIR/findings/*.json) by signature, keeping the smaller reproducer (fewer
        steps, then fewer octets). Files that cannot be read or decoded are skipped with a
        warning. Every write is atomic and durable. Prints the counts.

        list prints each finding of DIR/findings: signature, steps, target, when it was found.

        EXIT CODES: 0 done, 2 a directory cannot be read or written, 64 usage error
        """
    }

    enum Action {
        case merge(sources: [String], destination: String)
        case list(String)
    }

    var action: Action

    init(arguments: inout Arguments) throws(UsageError) {
        let destination = try arguments.value("--into")
        let words = try arguments.positionals(known: Self.options)
        guard let verb = words.first else { throw UsageError("corpus needs an action: merge or list") }
        let directories = Array(words.dropFirst())
        switch verb {
        case "merge":
            guard let destination else { throw UsageError("corpus merge needs --into DIR") }
            guard !directories.isEmpty else { throw UsageError("corpus merge needs at least one corpus directory to merge") }
            action = .merge(sources: directories, destination: destination)
        case "list":
            guard destination == nil else { throw UsageError("--into belongs to corpus merge, not corpus list") }
            guard directories.count == 1 else { throw UsageError("corpus list takes one directory, got \(directories.count)") }
            action = .list(directories[0])
        default:
            throw UsageError("unknown corpus action \(verb)" + Suggestion.didYouMean(verb, among: ["merge", "list"]))
        }
    }

    func run() -> ExitCode {
        do {
            switch action {
            case .merge(let sources, let destination): try merge(sources, into: destination)
            case .list(let directory): try list(directory)
            }
            return .success
        } catch {
            printError(error.description)
            return .targetOrToolError
        }
    }

    private func merge(_ sources: [String], into destination: String) throws(FileError) {
        let counts = try CorpusMerge.merge(sources.map { URL(fileURLWithPath: $0) }, into: URL(fileURLWithPath: destination))
        for file in counts.skipped { printWarning("skipped \(file)") }
        say("merged \(sources.count) corpus director\(sources.count == 1 ? "y" : "ies") into \(destination)")
        say("scripts: \(counts.scriptsAdded) added, \(counts.scriptsPresent) already present")
        say(
            "findings: \(counts.findingsAdded) added, \(counts.findingsReplaced) replaced by a smaller reproducer, "
                + "\(counts.findingsKept) kept")
        if !counts.skipped.isEmpty { say("skipped: \(counts.skipped.count) unreadable file(s)") }
    }

    private func list(_ directory: String) throws(FileError) {
        let corpus = CorpusDirectory(directory: URL(fileURLWithPath: directory))
        let scripts = try corpus.load()
        let findings = try corpus.findings.load()
        for file in scripts.skipped + findings.skipped { printWarning("skipped \(file)") }
        let width = min(64, findings.values.map(\.signature.description.count).max() ?? 0)
        for finding in findings.values {
            let signature = finding.signature.description.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            let steps = "\(finding.script.steps.count) step\(finding.script.steps.count == 1 ? "" : "s")"
            say("\(signature)\(steps.padding(toLength: 10, withPad: " ", startingAt: 0))\(finding.target)  \(finding.foundAt)")
        }
        say("\(findings.entries.count) finding(s), \(scripts.entries.count) script(s) in \(directory)")
    }
}
