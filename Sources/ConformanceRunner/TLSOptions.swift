import Configuration
import Transport

/// The TLS options `run` and `probe` share: `--ca-file`, `--insecure`, `--cert`/`--key`.
enum TLSOptions {
    static let names = ["--ca-file", "--insecure", "--cert", "--key"]

    /// The options given, each falling back to a config file's setting when not given.
    static func parse(_ arguments: inout Arguments, fallback: RunPlan.TLS? = nil) throws(UsageError) -> TLSConfiguration {
        var tls = TLSConfiguration()
        tls.caFile = try arguments.value("--ca-file") ?? fallback?.caFile
        if arguments.flag("--insecure") || fallback?.insecure == true { tls.insecure = true }
        let certificate = try arguments.value("--cert")
        let key = try arguments.value("--key")
        tls.certificateFile = certificate ?? (key == nil ? fallback?.certificateFile : nil)
        tls.privateKeyFile = key ?? (certificate == nil ? fallback?.privateKeyFile : nil)
        if (tls.certificateFile == nil) != (tls.privateKeyFile == nil) { throw UsageError("--cert and --key go together") }
        return tls
    }
}
