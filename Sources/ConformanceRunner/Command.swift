/// A subcommand: options declared as data (for help and suggestions), validated before run.
protocol Command {
    /// The subcommand's name, e.g. "serve".
    static var name: String { get }
    /// One line for `wsconform help`.
    static var abstract: String { get }
    /// The full `--help` text.
    static var usage: String { get }
    /// Every option the command accepts, for "did you mean".
    static var options: [String] { get }
    /// Parses and validates; throws a `UsageError` before anything runs.
    init(arguments: inout Arguments) throws(UsageError)
    /// Runs the command and says how the process should exit.
    func run() -> ExitCode
}
