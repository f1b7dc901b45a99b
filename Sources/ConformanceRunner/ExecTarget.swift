import Client
import Platform
import Transport

/// `--exec 'CMD'`: the target wsconform launches itself, started and waited on until its
/// address accepts a connection, before anything is sent to it.
enum ExecTarget {
    /// What starting gave: nothing to start, a running target, or an error already printed.
    enum Start {
        case none
        case running(TargetProcess)
        case failed(ExitCode)
    }

    /// Starts `command` when given. `stopTimeout` shortens the SIGTERM grace where restarts
    /// must be quick.
    static func start(_ command: String?, target: TargetURL, stopTimeout: Duration? = nil) -> Start {
        guard let command else { return .none }
        var settings = TargetProcess.Settings(command: command, target: target)
        if let stopTimeout { settings.stopTimeout = stopTimeout }
        let launched = TargetProcess(settings)
        do {
            try launched.start()
        } catch {
            printError("--exec: \(error.description)")
            return .failed(.targetOrToolError)
        }
        return .running(launched)
    }
}
