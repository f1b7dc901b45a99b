import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the run's output goes: a person's terminal (a live progress line, colour unless
/// `NO_COLOR` is set, https://no-color.org) or a log (plain lines, no control characters).
struct Terminal: Sendable {
    /// Standard output is a terminal: progress may redraw one line.
    var interactive: Bool
    /// Colour is allowed: a terminal, and `NO_COLOR` unset or empty.
    var colour: Bool

    static var current: Terminal {
        let environment = ProcessInfo.processInfo.environment
        let interactive = isatty(STDOUT_FILENO) == 1 && environment["TERM"] != "dumb"
        return Terminal(interactive: interactive, colour: interactive && (environment["NO_COLOR"] ?? "").isEmpty)
    }

    enum Colour: String {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case dim = "2"
    }

    /// `text` in `colour` when colour is allowed.
    func paint(_ text: String, _ colour: Colour) -> String {
        self.colour ? "\u{1B}[\(colour.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Erases the progress line (only ever drawn on a terminal).
    static let eraseLine = "\r\u{1B}[2K"
}
