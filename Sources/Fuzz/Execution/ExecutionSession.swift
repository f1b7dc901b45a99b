import Cases
import Client
import Platform
import Transport
import Wire

/// One input's connection, from the first write to the reaction (see `ScriptExecutor`).
struct ExecutionSession {
    let connection: any Connection
    let reactionTimeout: Duration
    private var head = HTTPHeadParser()
    private var status: Int?
    private var extensions: String?
    private var replies = ReplyReader(maxPayload: 16 << 20, maxReplies: ScriptExecutor.maxReplies)
    /// How the server's side ended, once it did: FIN, RST.
    private var ended: String?
    /// Set when the server's Close arrived before the tester finished the session.
    private var closedBeforeFinish = false
    /// Set when a whole head got no answer within the reaction timeout.
    private var headUnanswered = false
    /// Kept only for a finding's final run.
    var transcript: TranscriptRecorder?

    init(connection: any Connection, reactionTimeout: Duration) {
        self.connection = connection
        self.reactionTimeout = reactionTimeout
    }

    /// True once the session's outcome cannot change.
    private var settled: Bool { ended != nil || replies.close != nil || (status.map { $0 != 101 } ?? false) }

    mutating func run(_ wire: ScriptWire, finish: ScriptExecutor.Finish, awaitReplies: Int) -> Observation {
        do {
            for write in wire.writes where !settled {
                if write.delayMilliseconds > 0 { try pump(until: .after(.milliseconds(write.delayMilliseconds))) }
                guard try send(write.bytes) else { break }
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
                    if status == 101, replies.replies.count < awaitReplies {
                        try pump(until: .after(reactionTimeout)) { $0.replies.replies.count >= awaitReplies }
                    }
                }
                switch finish {
                case .close:
                    if status == 101, !settled { _ = try send(FrameEncoder.encode(Self.closeFrame)) }
                case .fin:
                    if !settled {
                        transcript?.add(.note, "the tester half-closes TCP (FIN)")
                        connection.shutdownWrite()
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

    /// Writes `bytes`, reading between slices so that a server echoing a large message while
    /// the tester is still writing never deadlocks both; false once the server is gone.
    private mutating func send(_ bytes: [UInt8]) throws -> Bool {
        transcript?.sent(bytes, cuts: [])
        var rest = bytes[...]
        let deadline = Deadline.after(reactionTimeout)
        while !rest.isEmpty {
            switch try connection.write(Array(rest), deadline: .after(.milliseconds(2))) {
            case .written: return true
            case .peerClosed: return false
            case .timedOut(let written):
                rest = rest.dropFirst(written)
                try pump(until: .now)
                if settled { return false }
                if deadline.hasPassed { return false }
            }
        }
        return true
    }

    /// Reads until `deadline`, until the outcome is settled, or until `enough` holds.
    private mutating func pump(until deadline: Deadline, enough: (Self) -> Bool = { _ in false }) throws {
        repeat {
            switch try connection.read(maxBytes: 256 << 10, deadline: deadline) {
            case .bytes(let bytes):
                transcript?.received(bytes)
                absorb(bytes)
            case .endOfStream:
                ended = "FIN"
                transcript?.add(.note, "the server closed TCP (FIN)")
            case .reset:
                ended = "RST"
                transcript?.add(.note, "the connection was reset (RST)")
            case .timedOut: return
            }
        } while !settled && !enough(self) && !deadline.hasPassed
    }

    private mutating func absorb(_ bytes: [UInt8]) {
        guard status != nil else {
            switch head.feed(bytes) {
            case .needMore: break
            case .tooLarge, .malformed: status = 0
            case .complete(let response, let remainder):
                status = response.statusCode ?? 0
                extensions = response.fields["Sec-WebSocket-Extensions"]
                if status == 101, !remainder.isEmpty { _ = replies.feed(remainder) }
            }
            return
        }
        // After a refusal the octets are an HTTP body, not frames.
        if status == 101 { _ = replies.feed(bytes) }
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
        if var transcript {
            transcript.add(.note, "reaction: \(reaction) — \(note)")
            observation.transcript = transcript.finish()
        }
        return observation
    }
}
