import Cases
import Client
import Platform
import Transport
import Wire

/// One input's connection, from the first write to the reaction (see `ScriptExecutor`).
struct ExecutionSession {
    /// The client core: writes, reads, the response head, the transcript of a finding's run.
    let client: ClientConnection
    let reactionTimeout: Duration
    private var status: Int?
    private var extensions: String?
    private var replies = ReplyReader(maxPayload: 16 << 20, maxReplies: ScriptExecutor.maxReplies)
    /// How the server's side ended, once it did: FIN, RST.
    private var ended: String? { client.ending.map { $0 == .fin ? "FIN" : "RST" } }
    /// Set when the server's Close arrived before the tester finished the session.
    private var closedBeforeFinish = false
    /// Set when a whole head got no answer within the reaction timeout.
    private var headUnanswered = false
    /// The request head sent, to judge the 101 against (`ResponseCheck`).
    private var requestHead: [UInt8] = []
    /// What is wrong with the server's 101, if anything.
    private var responseProblems: [String] = []
    init(client: ClientConnection, reactionTimeout: Duration) {
        self.client = client
        self.reactionTimeout = reactionTimeout
    }

    /// True once the session's outcome cannot change.
    private var settled: Bool { ended != nil || replies.close != nil || (status.map { $0 != 101 } ?? false) }

    /// `repliesDue` tells, from the server's `Sec-WebSocket-Extensions` answer, how many echoes
    /// and pongs to wait for before the tester ends the session.
    mutating func run(_ wire: ScriptWire, finish: ScriptExecutor.Finish, repliesDue: (String?) -> Int) -> Observation {
        requestHead = wire.handshake
        do {
            for write in wire.writes where !settled {
                let pause = write.delayMilliseconds > 0 ? Duration.milliseconds(write.delayMilliseconds) : nil
                guard try send(write.bytes, WireControls(pauseBefore: pause)) else { break }
                // RFC 6455 §4.1: a client sends frames only once the server has accepted the
                // handshake. A head that is not complete gets no answer, so is not waited on.
                if write.step == nil, status == nil, Self.completesHead(write.bytes) {
                    try pump(until: .after(reactionTimeout)) { $0.status != nil }
                    // No answer to a whole head: that is the reaction (a server that does not
                    // take a bare LF for a line end is still reading the head, RFC 9112 §2.2).
                    if status == nil, ended == nil {
                        headUnanswered = true
                        break
                    }
                }
            }
            closedBeforeFinish = replies.close != nil
            if !settled, !headUnanswered {
                if finish != .wait {
                    // The Close goes after the handshake response: before it, it would be read
                    // as part of the request.
                    if status == nil, Self.completesHead(wire.handshake) {
                        try pump(until: .after(reactionTimeout)) { $0.status != nil }
                    }
                    // And after the echoes due: a server may stop echoing once a Close or the
                    // end of the stream arrives.
                    let awaitReplies = status == 101 ? repliesDue(extensions) : 0
                    if status == 101, replies.replies.count < awaitReplies {
                        try pump(until: .after(reactionTimeout)) { $0.replies.replies.count >= awaitReplies }
                    }
                }
                switch finish {
                case .close:
                    if status == 101, !settled { _ = try send(FrameEncoder.encode(Self.closeFrame), .whole) }
                case .fin:
                    if !settled {
                        client.transcript?.add(.note, "the tester half-closes TCP (FIN)")
                        client.shutdownWrite()
                    }
                case .wait:
                    break
                }
            }
            // Once settled there is nothing left to wait for: a server that keeps an HTTP
            // connection alive after refusing the handshake would hold the read to its deadline.
            if !settled, !headUnanswered { try pump(until: .after(reactionTimeout)) }
        } catch {
            return Observation(status: status, replies: replies.replies, reaction: .dropped, note: "socket: \(error)")
        }
        return observation(finish: finish)
    }

    /// True when `bytes` hold the empty line that ends an HTTP head (CRLF CRLF, or bare LFs).
    static func completesHead(_ bytes: [UInt8]) -> Bool {
        var newlines = 0
        for byte in bytes {
            switch byte {
            case 0x0A:
                newlines += 1
                if newlines == 2 { return true }
            case 0x0D: continue
            default: newlines = 0
            }
        }
        return false
    }

    /// The tester's own Close, masked with a fixed key (the input decides nothing here).
    static let closeFrame = Frame(opcode: .close, maskingKey: MaskingKey(0x5753_4346), payload: [0x03, 0xE8])

    /// Writes `bytes` through the client core, which reads between slices so that a server
    /// echoing a large message while the tester is still writing never deadlocks both; false
    /// once the server is gone or the outcome is settled.
    private mutating func send(_ bytes: [UInt8], _ controls: WireControls) throws -> Bool {
        let result = try client.write(bytes, controls: controls, deadline: .after(reactionTimeout), sliceWait: .milliseconds(2)) {
            try pump(until: $0)
            return !settled
        }
        return result == .written
    }

    /// Reads until `deadline`, until the outcome is settled, or until `enough` holds.
    private mutating func pump(until deadline: Deadline, enough: (Self) -> Bool = { _ in false }) throws {
        repeat {
            switch try client.read(until: deadline) {
            case .response(let response, let remainder):
                status = response.statusCode ?? 0
                responseProblems = ResponseCheck.problems(request: requestHead, response: response)
                let answered = response.fields.values("Sec-WebSocket-Extensions")
                extensions = answered.isEmpty ? nil : answered.joined(separator: ", ")
                // Compressed replies are inflated under the answer, whatever the oracle thinks of it.
                if status == 101, ExtensionAnswer.namesDeflate(extensions) { replies.agreeDeflate() }
                if status == 101, !remainder.isEmpty { _ = replies.feed(remainder) }
            case .unreadableResponse:
                status = 0
            case .octets(let bytes):
                // After a refusal the octets are an HTTP body, not frames.
                if status == 101 { _ = replies.feed(bytes) }
            case .ended:
                break
            case .timedOut:
                return
            }
        } while !settled && !enough(self) && !deadline.hasPassed
    }

    private func observation(finish: ScriptExecutor.Finish) -> Observation {
        let reaction: ReactionClass
        var note: String
        if let status, status != 101 {
            reaction = .refused(status)
            note = "handshake refused with \(status)"
        } else if let close = replies.close {
            let code = close?.rawValue
            note = "server closed with \(code.map(String.init) ?? "an empty Close")" + (ended.map { ", then \($0)" } ?? "")
            // The server answering the tester's own Close (1000) is the end of a session it accepted.
            reaction = finish == .close && !closedBeforeFinish && code == 1000 ? .echoed : .closed(code)
        } else if let ended {
            note = "server ended TCP (\(ended)) without a Close"
            reaction = finish == .fin && status == 101 ? .echoed : .dropped
        } else if status == nil {
            reaction = .silent
            note = "no handshake response within \(reactionTimeout)"
        } else {
            reaction = finish == .fin ? .echoed : .silent
            note = "no reaction within \(reactionTimeout)"
        }
        if replies.close == nil, ended == nil, status == 101, finish == .close { note += " after the tester's Close" }
        var observation = Observation(
            status: status, replies: replies.replies, reaction: reaction, extensions: extensions, serverViolations: replies.violations,
            note: note)
        observation.quietEndAfterFIN = finish == .fin && status == 101 && replies.close == nil
        observation.responseProblems = responseProblems
        if var transcript = client.transcript {
            transcript.add(.note, "reaction: \(reaction) — \(note)")
            observation.transcript = transcript.finish()
        }
        return observation
    }
}
