import Cases
import Foundation
import Synchronization

/// What a person or a CI log sees while cases run: one line per category as soon as it and every
/// category before it have finished (catalogue order, whatever order cases end in), and on a
/// terminal a live line with cases done, failures so far and the time left.
final class RunProgress: Sendable {
    private struct Category {
        var name: String
        var total: Int
        var passed = 0
        var failed = 0
        var errors = 0
        var done: Int { passed + failed + errors }
    }

    private struct State {
        var categories: [Category]
        var indexOfCase: [String: Int]
        var printed = 0
        var done = 0
        var failed = 0
        var lastDraw = ContinuousClock.now - .seconds(1)
    }

    private let state: Mutex<State>
    private let terminal: Terminal
    private let strict: Bool
    private let total: Int
    private let start = ContinuousClock.now

    init(cases: [TestCase], terminal: Terminal, strict: Bool) {
        var categories: [Category] = []
        var indexOfCase: [String: Int] = [:]
        for testCase in cases {
            if categories.last?.name != testCase.category { categories.append(Category(name: testCase.category, total: 0)) }
            categories[categories.count - 1].total += 1
            indexOfCase[testCase.id] = categories.count - 1
        }
        state = Mutex(State(categories: categories, indexOfCase: indexOfCase))
        self.terminal = terminal
        self.strict = strict
        total = cases.count
    }

    /// Counts a finished case (called from the runner's threads).
    func finished(_ result: CaseResult) {
        let output = state.withLock { state -> String in
            guard let index = state.indexOfCase[result.caseID] else { return "" }
            switch result.outcome {
            case .error: state.categories[index].errors += 1
            case .judged:
                if result.passes(strict: strict) {
                    state.categories[index].passed += 1
                } else {
                    state.categories[index].failed += 1
                    state.failed += 1
                }
            }
            state.done += 1
            var text = ""
            while state.printed < state.categories.count, state.categories[state.printed].done == state.categories[state.printed].total {
                text += line(state.categories[state.printed]) + "\n"
                state.printed += 1
            }
            guard terminal.interactive else { return text }
            let now = ContinuousClock.now
            guard !text.isEmpty || now - state.lastDraw >= .milliseconds(100) || state.done == total else { return "" }
            state.lastDraw = now
            return Terminal.eraseLine + text + liveLine(state)
        }
        if !output.isEmpty { FileHandle.standardOutput.write(Data(output.utf8)) }
    }

    /// Ends the display: erases the live line; after an interruption, prints the categories
    /// that did not finish with what they got to.
    func end() {
        let output = state.withLock { state -> String in
            var text = terminal.interactive ? Terminal.eraseLine : ""
            while state.printed < state.categories.count {
                let category = state.categories[state.printed]
                text += line(category) + (category.done < category.total ? ", \(category.total - category.done) not run" : "") + "\n"
                state.printed += 1
            }
            return text
        }
        if !output.isEmpty { FileHandle.standardOutput.write(Data(output.utf8)) }
    }

    private func line(_ category: Category) -> String {
        let failed = "\(category.failed) failed"
        return "  \(category.name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(category.passed) passed, "
            + (category.failed > 0 ? terminal.paint(failed, .red) : failed)
            + (category.errors > 0 ? ", " + terminal.paint("\(category.errors) could not run", .yellow) : "")
    }

    private func liveLine(_ state: State) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let left = state.done == 0 ? "" : String(format: ", about %.0f s left", seconds / Double(state.done) * Double(total - state.done))
        let failures = state.failed > 0 ? terminal.paint("\(state.failed) failed", .red) : "0 failed"
        return "  \(state.done)/\(total) cases, \(failures)\(left)"
    }
}
