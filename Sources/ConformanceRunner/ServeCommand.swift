import Configuration
import Foundation
import Platform
import ReferenceServer
import Transport

/// `wsconform serve`: the built-in reference echo server, correct or with one fault.
struct ServeCommand: Command {
    static let name = "serve"
    static let abstract = "run the built-in reference echo server (optionally with a fault)"
    static let options = [
        "--host", "--port", "--tls-cert", "--tls-key", "--fault", "--list-faults", "--max-message-size", "--no-deflate",
        "--max-frame-size", "--max-request-head", "--handshake-timeout", "--idle-timeout", "--ping-interval", "--pong-timeout",
        "--allowed-origin", "--require-header", "--server-name", "--accept-legacy-tls",
    ]
    static var usage: String {
        """
        USAGE: wsconform serve [--host H] [--port N] [--tls-cert FILE --tls-key FILE] [--fault NAME]
                               [limits, timers and policy options]
               wsconform serve --list-faults

        A strict RFC 6455 + RFC 7692 echo server. With --fault it misbehaves in one named way,
        to show that a check can fail. It runs until interrupted (Ctrl-C or SIGTERM); then it
        takes no new connections and closes each open one with 1001 (going away), waiting at
        most 2 s for the closing handshakes.

        OPTIONS:
          --host H               address to listen on (default 127.0.0.1)
          --port N               port (default 9001; 0 picks a free port)
          --tls-cert FILE        PEM certificate chain: serve wss://
          --tls-key FILE         PEM private key for --tls-cert
          --fault NAME           misbehave in one way (see --list-faults)
          --list-faults          print every fault with what it does and the rule it breaks
          --max-message-size N   fail larger messages with 1009 (default 67108864)
          --no-deflate           do not negotiate permessage-deflate

        LIMITS, TIMERS AND POLICY (what `wsconform check` measures):
          --max-frame-size N     fail larger frames with 1009 (default: the message size)
          --max-request-head N   answer 431 to a larger request head (default 16384)
          --handshake-timeout D  drop a request head not complete after D (default 10s)
          --idle-timeout D       drop a connection silent for D (default 120s)
          --ping-interval D      ping a connection silent for D (default: never)
          --pong-timeout D       close with 1011 when a ping is not answered within D
                                 (default: the ping interval)
          --allowed-origin O     refuse any other Origin with 403 (repeatable; a request
                                 with no Origin is served)
          --require-header 'Name: value'
                                 refuse a request without this field with 401
          --server-name NAME     the Server field (default wsconform-reference)
          --accept-legacy-tls    also speak TLS 1.0 and 1.1 (deprecated, RFC 8996)
        """
    }

    var host = "127.0.0.1"
    var port: UInt16 = 9001
    var certificate: String?
    var key: String?
    var listFaults = false
    var acceptLegacyTLS = false
    var configuration = ServerConfiguration()

    init(arguments: inout Arguments) throws(UsageError) {
        listFaults = arguments.flag("--list-faults")
        host = try arguments.value("--host") ?? host
        port = UInt16(try arguments.integer("--port", in: 0...65535) ?? Int(port))
        certificate = try arguments.value("--tls-cert")
        key = try arguments.value("--tls-key")
        if let size = try arguments.integer("--max-message-size", in: 1...(1 << 40)) { configuration.maxMessageSize = size }
        configuration.permessageDeflate = !arguments.flag("--no-deflate")
        configuration.maxFrameSize = try arguments.integer("--max-frame-size", in: 1...(1 << 40))
        if let size = try arguments.integer("--max-request-head", in: 256...(64 << 20)) { configuration.maxHandshakeSize = size }
        for (option, path) in [("--handshake-timeout", \ServerConfiguration.handshakeTimeout), ("--idle-timeout", \.idleTimeout)] {
            if let text = try arguments.value(option) { configuration[keyPath: path] = try DurationOption.parse(text, option: option) }
        }
        configuration.pingInterval = try (try arguments.value("--ping-interval")).map { (text) throws(UsageError) in
            try DurationOption.parse(text, option: "--ping-interval")
        }
        configuration.pongTimeout = try (try arguments.value("--pong-timeout")).map { (text) throws(UsageError) in
            try DurationOption.parse(text, option: "--pong-timeout")
        }
        let origins = try arguments.values("--allowed-origin")
        if !origins.isEmpty { configuration.allowedOrigins = origins }
        if let text = try arguments.value("--require-header") {
            let field = try HeaderOption.parse(text)
            configuration.requiredField = (field.name, field.value)
        }
        configuration.serverName = try arguments.value("--server-name") ?? configuration.serverName
        acceptLegacyTLS = arguments.flag("--accept-legacy-tls")
        if let name = try arguments.value("--fault") {
            guard let fault = Fault.named(name) else {
                throw UsageError(
                    "unknown fault \(name)" + Suggestion.didYouMean(name, among: Fault.all.map(\.name)) + " (see --list-faults)")
            }
            configuration.fault = fault
        }
        if (certificate == nil) != (key == nil) { throw UsageError("--tls-cert and --tls-key go together") }
        for file in [certificate, key].compactMap({ $0 }) where !FileManager.default.isReadableFile(atPath: file) {
            throw UsageError("cannot read \(file)")
        }
        let extra = try arguments.positionals(known: Self.options)
        if !extra.isEmpty { throw UsageError("serve takes no arguments, got \(extra[0])") }
    }

    func run() -> ExitCode {
        if listFaults {
            let width = Fault.all.map(\.name.count).max() ?? 0
            for fault in Fault.all {
                say("\(fault.name.padding(toLength: width + 2, withPad: " ", startingAt: 0))\(fault.summary) — breaks \(fault.section)")
            }
            return .success
        }
        let server: ReferenceServer
        do {
            server = try ReferenceServer(
                configuration: configuration, host: host, port: port, upgrade: try ServeTLS.upgrade(certificate: certificate, key: key, acceptLegacy: acceptLegacyTLS),
                onCrash: {
                    printError("crash-on-input fault triggered: aborting")
                    abort()
                })
        } catch {
            printError("cannot listen on \(host):\(port): \(error)")
            return .targetOrToolError
        }
        // A thread and a descriptor per connection: a load test may open thousands.
        _ = Syscall.raiseDescriptorLimit(to: 1 << 20)
        server.start()
        let scheme = certificate == nil ? "ws" : "wss"
        let hostText = server.address.hasPrefix("[") ? String(server.address.prefix { $0 != "]" }) + "]" : host
        say(
            "wsconform reference server listening on \(scheme)://\(hostText):\(server.port)/"
                + (configuration.fault.map { " with fault \($0.name)" } ?? ""))
        ServeSignals.waitForTermination(ignoringTermination: configuration.fault == .ignoreTermination)
        // Open connections get a Close with 1001 and two seconds to answer it.
        server.shutDown(grace: .seconds(2))
        return .success
    }
}
