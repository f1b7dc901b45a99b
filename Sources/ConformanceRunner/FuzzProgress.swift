import Foundation
import Fuzz
import Synchronization

/// What a person or a log sees while a campaign runs: on a terminal a live line (inputs,
/// inputs per second, findings), in a log a line every ten seconds; findings always in full.
final class FuzzProgress: Sendable {
    private let terminal: Terminal
    private let start = ContinuousClock.now
    private let state = Mutex<(last: ContinuousClock.Instant, findings: Int, line: Bool)>((.now, 0, false))

    init(terminal: Terminal) { self.terminal = terminal }

    func update(_ statistics: CampaignStatistics) {
        let period: Duration = terminal.interactive ? .milliseconds(200) : .seconds(10)
        let text = state.withLock { state -> String? in
            let now = ContinuousClock.now
            guard now - state.last >= period else { return nil }
            state.last = now
            let seconds = (now - start).seconds
            let line = String(
                format: "  %llu inputs, %.0f/s, %d finding(s)", statistics.inputsRun, Double(statistics.inputsRun) / seconds, state.findings
            )
            state.line = terminal.interactive
            return terminal.interactive ? Terminal.eraseLine + line : line + "\n"
        }
        if let text { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    func finding(_ text: String) {
        let prefix = state.withLock { state -> String in
            state.findings += 1
            defer { state.line = false }
            return state.line ? Terminal.eraseLine : ""
        }
        FileHandle.standardOutput.write(Data((prefix + terminal.paint(text, .red) + "\n").utf8))
    }

    func end() {
        if state.withLock({ $0.line }) { FileHandle.standardOutput.write(Data(Terminal.eraseLine.utf8)) }
    }
}
