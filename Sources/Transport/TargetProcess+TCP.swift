import Platform

extension TargetProcess {
    /// A supervisor whose target is ready once its address accepts a TCP connection (closed at
    /// once, without a byte sent).
    public convenience init(_ settings: Settings) {
        self.init(settings) { host, port, deadline in
            let connection = try TCPConnection.connect(host: host, port: port, deadline: deadline)
            connection.close(abortive: false)
        }
    }
}
