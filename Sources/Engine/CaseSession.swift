import Cases
import Client
import PerMessageDeflate
import Platform
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
    /// The client core: the connection, its reads and controlled writes, the transcript.
    let client: ClientConnection
    var observer = CaseObserver(deflate: nil)
    /// How far the observer's events agree with each acceptable outcome, updated as they arrive.
    private(set) var progress: OutcomeMatcher
    /// The permessage-deflate channel the opening agreed to, if the case offered one.
    var deflate: DeflateChannel?
    var ending = Ending.open
    var generator: SplitMix64
    /// The `traceparent` field the opening handshake carried, if any.
    var traceParent: TraceParent?
    /// When the WebSocket opened: the case timer runs from here.
    var openedAt = ContinuousClock.now
    var closeSentAt: ContinuousClock.Instant?
    var handshakeDoneAt: ContinuousClock.Instant?
    /// Octets written since the last look at the server's side.
    var unreadSince = 0
    /// Replies (pongs, the Close answer) read while a write was under way, sent once it ends.
    var deferredReplies: [FrameSpec] = []
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
        client = ClientConnection(transcript: TranscriptRecorder(start: start, limit: options.transcriptLimit))
        progress = OutcomeMatcher(testCase.expectation)
        observer = CaseObserver(deflate: nil, eventLimit: CaseObserver.eventLimit(for: testCase))
        // Each case has its own seed, so keys are the same in every run and whatever --jobs.
        generator = SplitMix64(seed: FNV1a.hash(testCase.id.utf8, basis: options.seed))
    }

    /// The case's timer, lengthened by the target's round trip for each sequential exchange
    /// (`RunOptions.roundTrip`): a far target is given its distance, never judged on it.
    var timerDeadline: ContinuousClock.Instant {
        openedAt + options.scaled(testCase.expectation.timer.duration) + (options.roundTrip ?? .zero) * testCase.sequentialExchanges
    }

    func note(_ text: String) { client.transcript?.add(.note, text) }

    /// What crossed the wire, with the notes.
    var transcript: [TranscriptEntry] { client.transcript?.finish() ?? [] }

    // MARK: Reading

    /// Feeds server octets to the observer and performs its replies.
    mutating func absorb(_ bytes: [UInt8]) throws {
        let actions = observer.receive(bytes)
        progress.observe(observer.events)
        for (kind, text, offset) in observer.notes { client.transcript?.add(kind, text, offset: offset) }
        observer.notes.removeAll()
        for case .send(let frame) in actions {
            // A reply read while a frame is half written goes after it, never inside it.
            if client.isWriting { deferredReplies.append(frame) } else { try sendFrames([frame], .oneWrite) }
        }
        if observer.testerSentClose, closeSentAt == nil { closeSentAt = .now }
        if observer.testerSentClose, observer.serverSentClose, handshakeDoneAt == nil { handshakeDoneAt = .now }
    }

    /// Reads until `deadline`, the connection ends, or `done` holds. The deadline holds even
    /// when octets never stop coming: a flooding server does not keep a case open.
    mutating func pump(until deadline: ContinuousClock.Instant, done: (CaseSession) -> Bool = { _ in false }) throws {
        // One read at least, even with the deadline already past (a look at what came).
        var first = true
        while ending == .open, !done(self), first || ContinuousClock.now < deadline {
            first = false
            switch try client.read(until: Deadline(deadline)) {
            case .octets(let bytes):
                try absorb(bytes)
            case .ended(.fin):
                ending = .serverClosed
                if !(observer.testerSentClose && observer.serverSentClose) {
                    notCleanReason = "the server dropped TCP without a completed closing handshake"
                }
            case .ended(.reset):
                ending = .serverReset
                if !(observer.testerSentClose && observer.serverSentClose) {
                    notCleanReason = "the connection was reset without a completed closing handshake"
                }
            case .timedOut, .response, .unreadableResponse:
                return
            }
        }
    }

    // MARK: Writing

    /// Writes frames, reading in between so a server that answers while we send never
    /// deadlocks against us.
    mutating func sendFrames(_ frames: [FrameSpec], _ delivery: Delivery) throws {
        if delivery.framesShareAWrite, frames.count > 1 {
            var bytes: [UInt8] = []
            for frame in frames {
                // Described only while the transcript has room: a description renders octets.
                if client.transcript?.hasRoom == true { client.transcript?.add(.frameSent, frame.description) }
                bytes += frame.encoded(freshKey: MaskingKey.random(using: &generator))
            }
            return try write(bytes, delivery.controls)
        }
        for frame in frames {
            // Encoded one at a time, so a long run of fragments never sits in memory at once.
            let bytes = frame.encoded(freshKey: MaskingKey.random(using: &generator))
            if let offset = client.transcript?.sentOffset, client.transcript?.hasRoom == true {
                client.transcript?.add(.frameSent, frame.description, offset: offset)
            }
            try write(bytes, delivery.controls)
        }
    }

    /// Writes octets under `controls` through the client core, reading the server's side
    /// whenever the kernel takes no more.
    mutating func write(_ bytes: [UInt8], _ controls: WireControls) throws {
        guard ending == .open else { return }
        let deadline = Deadline(max(timerDeadline, .now + options.scaled(.seconds(10))))
        let result = try client.write(bytes, controls: controls, deadline: deadline) { until in
            try pump(until: until.instant)
            return ending == .open
        }
        switch result {
        case .written, .stopped:
            break
        case .timedOut:
            throw Abort(text: "write timed out: the server stopped reading")
        case .peerClosed(let written):
            note("the server closed the connection while we wrote (\(written) of \(bytes.count) octets sent)")
            try pump(until: .now + .milliseconds(100))
            if ending == .open { ending = .serverReset }
        }
        if !deferredReplies.isEmpty, !client.isWriting {
            let replies = deferredReplies
            deferredReplies.removeAll()
            try sendFrames(replies, .writePerFrame)
        }
        // Look at what the server sent now and then, not after every small write: a 65537-frame
        // message would otherwise cost a read attempt per frame.
        unreadSince += bytes.count
        if unreadSince >= 64 << 10 || bytes.count < 4096 && controls.flushEachWrite {
            unreadSince = 0
            try pump(until: .now)
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
        if ending == .open, client.connection != nil { ending = .testerDropped }
        client.close(abortive: false)
    }
}
