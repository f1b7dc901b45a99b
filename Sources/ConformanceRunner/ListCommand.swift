import Cases
import Configuration
import Foundation

/// `wsconform list`: the catalogue with ids, Autobahn aliases, sections and levels.
struct ListCommand: Command {
    static let name = "list"
    static let abstract = "print the catalogue: ids, Autobahn aliases, RFC sections, levels"
    static let options = ["--cases", "--exclude", "--tier", "--divergences", "--sentences", "--format"]
    static var usage: String {
        """
        USAGE: wsconform list [--cases GLOB,...] [--exclude GLOB,...] [--tier quick|full] [--divergences]
                              [--sentences] [--format text|json|md]

        Globs match case ids or Autobahn aliases ("framing.*", "6.4.*"); * is any run of
        characters, ? one character. --divergences prints only the cases whose verdict rule
        departs from Autobahn|Testsuite's, with Autobahn's verdict and the RFC reason.
        --sentences prints under each case the RFC sentence its level rests on, word for word
        (every MUST case quotes one with MUST). --format json prints every field of each case
        (id, alias, section, level, rule, sentence, summary, divergence); --format md a table
        for documentation.
        """
    }

    enum Format: String, CaseIterable {
        case text, json, md
    }

    var selection: CaseSelection
    var divergences = false
    var sentences = false
    var format = Format.text

    init(arguments: inout Arguments) throws(UsageError) {
        selection = try CaseSelectionOptions.parse(&arguments)
        divergences = arguments.flag("--divergences")
        sentences = arguments.flag("--sentences")
        if let name = try arguments.value("--format") {
            guard let format = Format(rawValue: name) else {
                throw UsageError("--format: unknown format \(name)" + Suggestion.didYouMean(name, among: Format.allCases.map(\.rawValue)))
            }
            self.format = format
        }
        let extra = try arguments.positionals(known: Self.options)
        if !extra.isEmpty { throw UsageError("list takes no arguments, got \(extra[0])") }
    }

    func run() -> ExitCode {
        var cases = selection.apply(to: Catalogue.all)
        if divergences { cases = cases.filter { $0.divergence != nil } }
        switch format {
        case .json:
            say(CatalogueListing.json(cases))
            return .success
        case .md:
            say(CatalogueListing.markdown(cases))
            return .success
        case .text:
            break
        }
        if divergences {
            for testCase in cases {
                say("\(testCase) [\(testCase.section)]")
                say("  Autobahn: \(testCase.divergence!.autobahnVerdict)")
                say("  wsconform: \(testCase.divergence!.reason)")
            }
            say("\(cases.count) case(s) judged differently from Autobahn")
            return .success
        }
        // Columns as wide as their widest value (the id capped), never cutting one short: a
        // longer value keeps one space before the next column.
        let idWidth = min(48, cases.map(\.id.count).max() ?? 0) + 2
        let sectionWidth = (cases.map(\.section.count).max() ?? 0) + 1
        func column(_ text: String, _ width: Int) -> String {
            text.count >= width ? text + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        for testCase in cases {
            say(
                column(testCase.id, idWidth) + column(testCase.autobahn ?? "-", 9) + column(testCase.section, sectionWidth)
                    + column(testCase.level.rawValue, 8) + testCase.summary)
            if sentences { say("    " + (testCase.sentence?.description ?? "(no sentence: \(testCase.level.rawValue) is the bound)")) }
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
        var selection = CaseSelection(include: split(try arguments.values("--cases")), exclude: split(try arguments.values("--exclude")))
        if let name = try arguments.value("--tier") {
            guard let tier = Tier(rawValue: name) else { throw UsageError("--tier must be quick or full, not \"\(name)\"") }
            selection.tier = tier
        }
        if let unknown = selection.unmatched(in: Catalogue.all).first {
            let names = Catalogue.all.map(\.id) + Catalogue.all.compactMap(\.autobahn)
            throw UsageError("no case matches \"\(unknown)\"" + Suggestion.didYouMean(unknown, among: names))
        }
        return selection
    }
}
