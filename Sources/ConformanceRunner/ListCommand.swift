import Cases
import Foundation

/// `wsconform list`: the catalogue with ids, Autobahn aliases, sections and levels.
struct ListCommand: Command {
    static let name = "list"
    static let abstract = "print the catalogue: ids, Autobahn aliases, RFC sections, levels"
    static let options = ["--cases", "--exclude", "--divergences"]
    static var usage: String {
        """
        USAGE: wsconform list [--cases GLOB,...] [--exclude GLOB,...] [--divergences]

        Globs match case ids or Autobahn aliases ("framing.*", "6.4.*"); * is any run of
        characters, ? one character. --divergences prints only the cases whose verdict rule
        departs from Autobahn|Testsuite's, with Autobahn's verdict and the RFC reason.
        """
    }

    var selection: CaseSelection
    var divergences = false

    init(arguments: inout Arguments) throws(UsageError) {
        selection = try CaseSelectionOptions.parse(&arguments)
        divergences = arguments.flag("--divergences")
        let extra = try arguments.positionals(known: Self.options)
        if !extra.isEmpty { throw UsageError("list takes no arguments, got \(extra[0])") }
    }

    func run() -> ExitCode {
        let cases = selection.apply(to: Catalogue.all)
        if divergences {
            let diverging = cases.filter { $0.divergence != nil }
            for testCase in diverging {
                say("\(testCase) [\(testCase.section)]")
                say("  Autobahn: \(testCase.divergence!.autobahnVerdict)")
                say("  wsconform: \(testCase.divergence!.reason)")
            }
            say("\(diverging.count) case(s) judged differently from Autobahn")
            return .success
        }
        let idWidth = min(48, cases.map(\.id.count).max() ?? 0)
        for testCase in cases {
            let id = testCase.id.padding(toLength: idWidth + 2, withPad: " ", startingAt: 0)
            let alias = (testCase.autobahn ?? "-").padding(toLength: 9, withPad: " ", startingAt: 0)
            let section = testCase.section.padding(toLength: 18, withPad: " ", startingAt: 0)
            say("\(id)\(alias)\(section)\(testCase.level.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))\(testCase.summary)")
        }
        say("\(cases.count) case(s)")
        return .success
    }
}

/// The shared `--cases` / `--exclude` options, validated against the catalogue.
enum CaseSelectionOptions {
    static func parse(_ arguments: inout Arguments) throws(UsageError) -> CaseSelection {
        let split = { (values: [String]) in
            values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        }
        let selection = CaseSelection(include: split(try arguments.values("--cases")), exclude: split(try arguments.values("--exclude")))
        if let unknown = selection.unmatched(in: Catalogue.all).first {
            let names = Catalogue.all.map(\.id) + Catalogue.all.compactMap(\.autobahn)
            throw UsageError("no case matches \"\(unknown)\"" + Suggestion.didYouMean(unknown, among: names))
        }
        return selection
    }
}
