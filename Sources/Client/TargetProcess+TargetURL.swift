import Platform

extension TargetProcess.Settings {
    /// Readiness on the host and port of the target's URL.
    public init(command: String, target: TargetURL) { self.init(command: command, host: target.host, port: target.port) }
}
