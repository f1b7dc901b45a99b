import Transport

/// The TLS options `run` and `probe` share: `--ca-file`, `--insecure`, `--cert`/`--key`.
enum TLSOptions {
    static let names = ["--ca-file", "--insecure", "--cert", "--key"]

    static func parse(_ arguments: inout Arguments) throws(UsageError) -> TLSConfiguration {
        var tls = TLSConfiguration()
        tls.caFile = try arguments.value("--ca-file")
        if arguments.flag("--insecure") { tls.insecure = true }
        tls.certificateFile = try arguments.value("--cert")
        tls.privateKeyFile = try arguments.value("--key")
        if (tls.certificateFile == nil) != (tls.privateKeyFile == nil) { throw UsageError("--cert and --key go together") }
        return tls
    }
}
