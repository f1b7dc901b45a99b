import Client
import Engine
import Foundation
import PerMessageDeflate
import Platform
import Transport
import Wire

/// `wsconform probe URL`: a quick smoke exchange with a target — handshake, text, binary,
/// fragmented and compressed echoes, a ping, and the closing handshake — to check that a
/// server is there and echoes before a full run.
struct ProbeCommand: Command {
    static let name = "probe"
    static let abstract = "check that a target completes a handshake and echoes messages"
    static let options = ["--ca-file", "--insecure", "--cert", "--key", "--timeout", "--no-deflate", "--no-traceparent"]
    static var usage: String {
        """
        USAGE: wsconform probe URL [--ca-file FILE] [--insecure] [--cert FILE --key FILE]
                                   [--timeout SECONDS] [--no-deflate] [--no-traceparent]

        Opens a connection to URL (ws:// or wss://), echoes a text, a 1 MiB binary and a
        fragmented message, pings, offers permessage-deflate on a second connection, and closes.
        Each handshake carries a fresh W3C traceparent field, whose trace id is printed with
        the server's answer (--no-traceparent sends none).
        Exit 0 when every echo is exact, 1 when one is not, 2 when the target cannot be reached.
        """
    }

    var url: TargetURL
    var dialer = Dialer()
    var timeout: Duration = .seconds(10)
    var deflate = true
    var traceparent = true

    init(arguments: inout Arguments) throws(UsageError) {
        dialer.tls = try TLSOptions.parse(&arguments)
        if let seconds = try arguments.integer("--timeout", in: 1...3600) { timeout = .seconds(seconds) }
        deflate = !arguments.flag("--no-deflate")
        traceparent = !arguments.flag("--no-traceparent")
        let positionals = try arguments.positionals(known: Self.options)
        guard positionals.count == 1 else { throw UsageError("probe takes one URL, got \(positionals.count)") }
        switch TargetURL.parse(positionals[0]) {
        case .success(let parsed): url = parsed
        case .failure(let problem): throw UsageError(problem.description)
        }
    }

    func run() -> ExitCode {
        var failures = 0
        for compressed in deflate ? [false, true] : [false] {
            do {
                failures += try exchange(compressed: compressed)
            } catch {
                printError("\(url): \(error)")
                return .targetOrToolError
            }
        }
        say(failures == 0 ? "probe: all echoes exact" : "probe: \(failures) exchange(s) differed")
        return failures == 0 ? .success : .conformanceFailures
    }

    private func exchange(compressed: Bool) throws -> Int {
        let deadline = Deadline.after(timeout)
        var options = RunOptions(dialer: dialer)
        options.traceparent = traceparent
        let request = options.standardRequest(for: url, extensions: compressed ? ["permessage-deflate; client_max_window_bits"] : [])
        let trace = request.fields[TraceParent.fieldName].map { ", traceparent \($0)" } ?? ""
        let session = try ClientSession(dialing: url, dialer: dialer, request: request, deadline: deadline)
        defer { session.client.close(abortive: false) }
        let agreed = session.response.fields["Sec-WebSocket-Extensions"]
        say(
            "\(url)\(compressed ? " (offering permessage-deflate)" : ""): 101, Server: \(session.response.fields["Server"] ?? "-"), extensions: \(agreed ?? "none")\(trace)"
        )
        if compressed, agreed == nil { return 0 }
        let channel = try DeflateChannel.client(
            offered: request.fields.values("Sec-WebSocket-Extensions"), response: session.response.fields.values("Sec-WebSocket-Extensions")
        )
        var failures = 0
        let messages: [(String, Opcode, [UInt8], Int?)] = [
            ("text", .text, Array("Hello, wsconform ✓".utf8), nil),
            ("binary 1 MiB", .binary, (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }, nil),
            ("fragmented text", .text, Array(String(repeating: "fragment ", count: 100).utf8), 64),
        ]
        for (name, opcode, payload, fragment) in messages {
            let start = ContinuousClock.now
            for frame in ProbeFrames.frames(opcode: opcode, payload: payload, fragmentSize: fragment, deflate: channel) {
                _ = try session.send(frame, deadline: deadline)
            }
            let echoed = try session.nextMessage(deadline: deadline)
            let elapsed = ContinuousClock.now - start
            switch echoed {
            case .success(let message):
                let plain =
                    message.compressed ? ((try? channel?.decompress(message.payload, maxOutput: 64 << 20).get()) ?? []) : message.payload
                let exact = message.opcode == opcode && plain == payload
                if !exact { failures += 1 }
                say(
                    "  \(name): \(exact ? "exact echo" : "DIFFERENT echo") (\(payload.count) bytes, \(elapsed.formatted(.units(allowed: [.milliseconds]))))"
                )
            case .failure(let end):
                failures += 1
                say("  \(name): no echo (\(end))")
            }
        }
        _ = try session.send(Frame(opcode: .ping, payload: Array("probe".utf8)), deadline: deadline)
        var pong = false
        let pongDeadline = Deadline.earliest(deadline, .after(.seconds(2)))
        while case .success(let decoded) = try session.nextFrame(deadline: pongDeadline) {
            if decoded.frame.opcode == .pong {
                pong = decoded.frame.payload == Array("probe".utf8)
                break
            }
        }
        if !pong { failures += 1 }
        say("  ping: \(pong ? "pong with the same payload" : "NO matching pong")")
        _ = try session.send(Frame(opcode: .close, payload: ClosePayload(code: .normalClosure).encoded()), deadline: deadline)
        var closeCode: CloseCode?
        while case .success(let decoded) = try session.nextFrame(deadline: deadline) {
            if decoded.frame.opcode == .close {
                closeCode = ClosePayload.parse(decoded.frame.payload).payload.code
                break
            }
        }
        if closeCode != .normalClosure { failures += 1 }
        say("  close: \(closeCode.map { "answered with \($0)" } ?? "NO close reply")")
        return failures
    }
}
