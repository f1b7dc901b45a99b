import Cases
import Platform
import Transport
import Wire

/// The client's end of one WebSocket connection: the one client core. Catalogue cases, fuzz
/// executions, `probe` and the echo bench dial, send the opening handshake, write under
/// `WireControls` and read through it, so a transcript, a read deadline or a write that must
/// not deadlock against a server writing back is done one way.
///
/// It records what crosses the wire (when it keeps a transcript), notes how TCP ended, and
/// reads the server's response head (RFC 6455 §4.1) before handing on octets. What the octets
/// mean is the caller's business: the case observer, the fuzz reply reader, a frame assembler.
/// One thread drives it at a time.
public final class ClientConnection: @unchecked Sendable {
    // @unchecked: one thread drives a connection at a time; `Connection` is itself Sendable.

    /// How the server's side of TCP ended.
    public enum Ending: Hashable, Sendable {
        /// A clean FIN.
        case fin
        /// A reset (RST), or TLS ended without close_notify.
        case reset
    }

    /// What one read gave.
    public enum Received: Hashable, Sendable {
        /// The server's response head, and the octets that followed it in the same read.
        case response(HTTPHead, remainder: [UInt8])
        /// The server's answer is not an HTTP response head: the text says why.
        case unreadableResponse(String)
        /// Octets after the response head: frames after a 101, a body after a refusal.
        case octets([UInt8])
        /// The server's side ended.
        case ended(Ending)
        /// The deadline passed with nothing to report.
        case timedOut
    }

    /// What a controlled write achieved.
    public enum WriteResult: Hashable, Sendable {
        /// Every octet was handed to the kernel.
        case written
        /// The server closed or reset the connection after `written` octets.
        case peerClosed(written: Int)
        /// The deadline passed after `written` octets: the server stopped reading.
        case timedOut(written: Int)
        /// The caller's reader said the outcome is settled; `written` octets went out.
        case stopped(written: Int)
    }

    /// The byte stream; nil before `dial` and after `close`.
    public private(set) var connection: (any Connection)?
    /// What crossed the wire, when kept (a case always, a fuzz input only for a finding).
    public var transcript: TranscriptRecorder?
    /// How the server's side ended, once it has.
    public private(set) var ending: Ending?
    /// The server's response head, once read.
    public private(set) var response: HTTPHead?
    private var head = HTTPHeadParser()
    private var headDone: Bool
    /// True while `write` runs: a reply the reader wants to send then (a pong to a ping read
    /// between the pieces of a frame) must wait for the write to end, or it would land inside
    /// the frame being written.
    public private(set) var isWriting = false

    /// A connection over an open byte stream; `awaitingResponse` false when the handshake is
    /// already done (its octets are then frames from the first read).
    public init(connection: (any Connection)? = nil, transcript: TranscriptRecorder? = nil, awaitingResponse: Bool = true) {
        self.connection = connection
        self.transcript = transcript
        headDone = !awaitingResponse
    }

    /// Opens the byte stream to `target` (TCP, then TLS for `wss://`) by `deadline`.
    public func dial(_ target: TargetURL, dialer: Dialer, deadline: Deadline) throws(ClientError) {
        let opened = try dialer.connect(target, deadline: deadline)
        connection = opened
        transcript?.add(.note, "connected to \(opened.peerDescription)")
    }

    /// Takes over a byte stream opened elsewhere (an in-memory pair in tests); with
    /// `awaitingResponse` false its first octets are frames, the handshake counting as done.
    public func adopt(_ connection: any Connection, awaitingResponse: Bool) {
        self.connection = connection
        headDone = !awaitingResponse
    }

    /// Closes the byte stream (`abortive`: with an RST).
    public func close(abortive: Bool) {
        connection?.close(abortive: abortive)
        connection = nil
    }

    /// Half-closes: the server reads the end of the stream, and can still answer.
    public func shutdownWrite() { connection?.shutdownWrite() }

    // MARK: The opening handshake

    /// Sends a request head (`shown` in its place in the transcript when it holds credentials)
    /// and reads until the response head, the end of the stream or `deadline`; nil when the
    /// request itself could not be written.
    public func openingHandshake(_ request: [UInt8], shown: [UInt8]? = nil, deadline: Deadline) throws(SocketError) -> Received? {
        guard let connection, case .written = try connection.write(request, deadline: deadline) else { return nil }
        transcript?.sent(request, cuts: [], shown: shown)
        while true {
            switch try read(until: deadline, maxBytes: 16 << 10) {
            case .octets: continue
            case let other: return other
            }
        }
    }

    // MARK: Reading

    /// Reads once, waiting at most until `deadline`: the response head when it completes,
    /// octets after it, the end of the server's side, or nothing. Octets of a head still
    /// incomplete are kept, not reported.
    public func read(until deadline: Deadline, maxBytes: Int = 256 << 10) throws(SocketError) -> Received {
        while true {
            guard ending == nil, let connection else { return .ended(ending ?? .reset) }
            switch try connection.read(maxBytes: maxBytes, deadline: deadline) {
            case .bytes(let bytes):
                transcript?.received(bytes)
                if headDone { return .octets(bytes) }
                switch head.feed(bytes) {
                case .needMore: continue
                case .tooLarge(let limit):
                    headDone = true
                    return .unreadableResponse("response head over \(limit) octets")
                case .malformed(let text):
                    headDone = true
                    return .unreadableResponse(text)
                case .complete(let response, let remainder):
                    headDone = true
                    self.response = response
                    return .response(response, remainder: remainder)
                }
            case .endOfStream:
                ending = .fin
                transcript?.add(.note, "the server closed TCP (FIN)")
                return .ended(.fin)
            case .reset:
                ending = .reset
                transcript?.add(.note, "the connection was reset (RST)")
                return .ended(.reset)
            case .timedOut:
                return .timedOut
            }
        }
    }

    // MARK: Writing

    /// Writes `bytes` under `controls` by `deadline`.
    ///
    /// Whenever the kernel takes no more, and while a flush or a pause waits, `drain` is given
    /// a deadline to read the server's side until (the caller reads with `read` and judges):
    /// a server that writes while we write is never left deadlocked against us. `drain`
    /// returns false once the outcome is settled, and the write stops. Each write waits at most
    /// `sliceWait` before reading again. `deadline` counts from the end of a pause before the
    /// first write (`controls.pauseBefore`), so a long pause leaves the writing its whole
    /// budget. The transcript gets the octets written (or `shown`) with the offsets where the
    /// writes were cut.
    public func write(
        _ bytes: [UInt8], controls: WireControls = .whole, deadline: Deadline, sliceWait: Duration = .milliseconds(20),
        shown: [UInt8]? = nil, drain: (Deadline) throws -> Bool
    ) throws -> WriteResult {
        guard let connection else { return .peerClosed(written: 0) }
        isWriting = true
        defer { isWriting = false }
        var deadline = deadline
        if let pause = controls.pauseBefore {
            guard try wait(for: pause, drain) else { return .stopped(written: 0) }
            deadline = Deadline(deadline.instant + pause)
        }
        // Unchopped octets still go in slices, so a 16 MiB message is not copied whole per retry.
        let size = max(1, controls.chopSize ?? (256 << 10))
        var offset = 0
        var cuts: [Int] = []
        var result = WriteResult.written
        writing: while offset < bytes.count {
            let end = min(bytes.count, offset + size)
            switch try connection.write(Array(bytes[offset..<end]), deadline: .after(sliceWait)) {
            case .written:
                offset = end
            case .timedOut(let written):
                offset += written
                guard try drain(.now) else {
                    result = .stopped(written: offset)
                    break writing
                }
                if deadline.hasPassed {
                    result = .timedOut(written: offset)
                    break writing
                }
                continue
            case .peerClosed(let written):
                offset += written
                result = .peerClosed(written: offset)
                break writing
            }
            if controls.chopSize != nil, offset < bytes.count {
                cuts.append(offset)
                if controls.flushEachWrite, try !awaitFlush(connection, deadline: deadline, drain) {
                    result = .stopped(written: offset)
                    break writing
                }
                if let delay = controls.delayBetweenWrites, try !wait(for: min(delay, deadline.remaining), drain) {
                    result = .stopped(written: offset)
                    break writing
                }
            }
        }
        if result == .written, controls.flushEachWrite, controls.chopSize == nil {
            if try !awaitFlush(connection, deadline: deadline, drain) { result = .stopped(written: offset) }
        }
        transcript?.sent(offset == bytes.count ? bytes : Array(bytes[..<offset]), cuts: cuts, shown: shown)
        return result
    }

    /// Waits until the written octets have left (Autobahn's "sync"), draining meanwhile: a
    /// server that closed or reset leaves octets unacknowledged forever, and that is data, so
    /// a queue that does not drain by the deadline is noted, not an error. False when `drain`
    /// says the outcome is settled.
    private func awaitFlush(_ connection: any Connection, deadline: Deadline, _ drain: (Deadline) throws -> Bool) throws -> Bool {
        while true {
            if try connection.waitUntilFlushed(deadline: .after(.milliseconds(20))) { return true }
            guard try drain(.now) else { return false }
            if deadline.hasPassed {
                transcript?.add(.note, "the send queue did not drain before the deadline")
                return true
            }
        }
    }

    /// An explicit pause, spent reading; false when `drain` says the outcome is settled. A
    /// drain that returns before its deadline (nothing to read, or a reader that does not block)
    /// is followed by a short sleep, so the pause never spins.
    private func wait(for pause: Duration, _ drain: (Deadline) throws -> Bool) throws -> Bool {
        let until = Deadline.after(pause)
        repeat {
            guard try drain(until) else { return false }
            if !until.hasPassed { Syscall.pause(min(until.remaining, .milliseconds(1))) }
        } while !until.hasPassed
        return true
    }
}
