import Cases
import Transport
import Wire

/// The mutable state of one running case (owned by one thread).
struct CaseSession {
    /// A case that cannot go on for a reason of the target or the tool (not a verdict).
    struct Abort: Error {
        var text: String
    }

    /// How the TCP connection ended.
    enum Ending: Equatable {
        case open
        case serverClosed
        case serverReset
        case testerDropped
    }

    let testCase: TestCase
    let options: RunOptions
    var transcript: TranscriptRecorder
    var observer = CaseObserver(deflate: nil)
    /// How far the observer's events agree with each acceptable outcome, updated as they arrive.
    private(set) var progress: OutcomeMatcher
    /// The permessage-deflate channel the opening agreed to, if the case offered one.
    var deflate: DeflateChannel?
    var connection: (any Connection)?
    var ending = Ending.open
    var generator: SplitMix64
    /// When the WebSocket opened: the case timer runs from here.
    var openedAt = ContinuousClock.now
    var closeSentAt: ContinuousClock.Instant?
    var handshakeDoneAt: ContinuousClock.Instant?
    var timerFired = false
    /// Octets written since the last look at the server's side.
    var unreadSince = 0
    var facts: CloseFacts {
        var facts = observer.facts
        facts.droppedByTester = ending == .testerDropped
        let both = observer.testerSentClose && observer.serverSentClose
        facts.wasClean = both && (ending == .serverClosed || ending == .serverReset)
        if !facts.wasClean, facts.notCleanReason == nil { facts.notCleanReason = notCleanReason }
        return facts
    }
    private var notCleanReason: String?

    init(testCase: TestCase, options: RunOptions, start: ContinuousClock.Instant) {
        self.testCase = testCase
        self.options = options
        transcript = TranscriptRecorder(start: start, limit: options.transcriptLimit)
        progress = OutcomeMatcher(testCase.expectation)
        // Each case has its own seed, so keys are the same in every run and whatever --jobs.
        generator = SplitMix64(seed: FNV1a.hash(testCase.id.utf8, basis: options.seed))
    }

    var timerDeadline: ContinuousClock.Instant { openedAt + options.scaled(testCase.expectation.timer.duration) }

    mutating func note(_ text: String) { transcript.add(.note, text) }

    // MARK: Reading

    /// Feeds server octets to the observer and performs its replies.
    mutating func absorb(_ bytes: [UInt8]) throws {
        let actions = observer.receive(bytes)
        progress.observe(observer.events)
        for (kind, text, offset) in observer.notes { transcript.add(kind, text, offset: offset) }
        observer.notes.removeAll()
        for case .send(let frame) in actions { try sendFrames([frame], .oneWrite) }
        if observer.testerSentClose, closeSentAt == nil { closeSentAt = .now }
        if observer.testerSentClose, observer.serverSentClose, handshakeDoneAt == nil { handshakeDoneAt = .now }
    }

    /// Reads until `deadline`, the connection ends, or `done` holds.
    mutating func pump(until deadline: ContinuousClock.Instant, done: (CaseSession) -> Bool = { _ in false }) throws {
        while ending == .open, !done(self), let connection {
            switch try connection.read(maxBytes: 256 << 10, deadline: Deadline(deadline)) {
            case .bytes(let bytes):
                transcript.received(bytes)
                try absorb(bytes)
            case .endOfStream:
                ending = .serverClosed
                note("the server closed TCP (FIN)")
                if !(observer.testerSentClose && observer.serverSentClose) {
                    notCleanReason = "the server dropped TCP without a completed closing handshake"
                }
            case .reset:
                ending = .serverReset
                note("the connection was reset (RST)")
                if !(observer.testerSentClose && observer.serverSentClose) {
                    notCleanReason = "the connection was reset without a completed closing handshake"
                }
            case .timedOut:
                return
            }
        }
    }

    // MARK: Writing

    /// Writes frames, reading in between so a server that answers while we send never
    /// deadlocks against us.
    mutating func sendFrames(_ frames: [FrameSpec], _ delivery: Delivery) throws {
        if case .oneWrite = delivery, frames.count > 1 {
            var bytes: [UInt8] = []
            for frame in frames {
                transcript.add(.frameSent, frame.description)
                bytes += frame.encoded(freshKey: MaskingKey.random(using: &generator))
            }
            return try write(bytes, chop: nil, flush: false)
        }
        for frame in frames {
            // Encoded one at a time, so a long run of fragments never sits in memory at once.
            let bytes = frame.encoded(freshKey: MaskingKey.random(using: &generator))
            if transcript.hasRoom { transcript.add(.frameSent, frame.description, offset: transcript.sentOffset) }
            switch delivery {
            case .oneWrite, .writePerFrame: try write(bytes, chop: nil, flush: false)
            case .flushPerFrame: try write(bytes, chop: nil, flush: true)
            case .chopped(let size, let flush): try write(bytes, chop: size, flush: flush)
            }
        }
    }

    mutating func write(_ bytes: [UInt8], chop: Int?, flush: Bool) throws {
        guard ending == .open, let connection else { return }
        let size = max(1, chop ?? (256 << 10))
        var offset = 0
        var cuts: [Int] = []
        let deadline = Deadline(max(timerDeadline, .now + options.scaled(.seconds(10))))
        while offset < bytes.count, ending == .open {
            let end = min(bytes.count, offset + size)
            switch try connection.write(Array(bytes[offset..<end]), deadline: .after(.milliseconds(20))) {
            case .written:
                offset = end
            case .timedOut(let written):
                offset += written
                try pump(until: .now)  // the server may be blocked writing to us: read
                if deadline.hasPassed { throw Abort(text: "write timed out: the server stopped reading") }
                continue
            case .peerClosed(let written):
                offset += written
                note("the server closed the connection while we wrote (\(offset) of \(bytes.count) octets sent)")
                try pump(until: .now + .milliseconds(100))
                if ending == .open { ending = .serverReset }
            }
            if chop != nil, offset < bytes.count {
                cuts.append(offset)
                if flush { try awaitFlush(connection, deadline: deadline) }
            }
        }
        if flush, chop == nil { try awaitFlush(connection, deadline: deadline) }
        transcript.sent(bytes, cuts: cuts)
        // Look at what the server sent now and then, not after every small write: a 65537-frame
        // message would otherwise cost a read attempt per frame.
        unreadSince += bytes.count
        if unreadSince >= 64 << 10 || bytes.count < 4096 && flush {
            unreadSince = 0
            try pump(until: .now)
        }
    }

    /// Waits until the written octets have left (Autobahn's "sync"), reading meanwhile: a
    /// server that closed or reset leaves octets unacknowledged forever, and that is data.
    private mutating func awaitFlush(_ connection: any Connection, deadline: Deadline) throws {
        while ending == .open {
            if try connection.waitUntilFlushed(deadline: .after(.milliseconds(20))) { return }
            try pump(until: .now)
            if deadline.hasPassed {
                note("the send queue did not drain before the deadline")
                return
            }
        }
    }

    /// Records a checkpoint passed with the connection still open.
    mutating func mark(_ name: String) {
        observer.mark(name)
        progress.observe(observer.events)
    }

    /// Sends the tester's close frame (nil code: an empty close).
    mutating func sendClose(_ code: UInt16?, reason: String) throws {
        guard !observer.testerSentClose, ending == .open else { return }
        observer.testerCloses(code: code)
        note(reason)
        try sendFrames([code.map { .close(code: $0) } ?? .close([])], .oneWrite)
        closeSentAt = .now
    }

    /// Closes the TCP connection.
    mutating func end() {
        if ending == .open, connection != nil { ending = .testerDropped }
        connection?.close(abortive: false)
        connection = nil
    }
}
