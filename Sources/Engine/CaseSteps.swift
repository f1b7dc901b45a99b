import Cases
import Transport
import Wire

extension CaseSession {
    /// Performs the steps in order; stops once the server has closed or dropped.
    mutating func perform(_ steps: [Step]) throws {
        for step in steps {
            // Once the server started closing, nothing more is sent (Autobahn stops its steps
            // too); after the tester's own close, the following frames still go out, since
            // what the server does with them is what those cases check (RFC 6455 §5.5.1).
            guard ending == .open, !observer.serverSentClose || observer.facts.closedByTester else { break }
            switch step {
            case .send(let frames, let delivery):
                try sendFrames(frames, delivery)
                try pump(until: .now)
            case .sendMessage(let opcode, let payload, let size, let delivery):
                var index = 0
                while let frame = Step.fragment(opcode, payload, size: size, index: index), ending == .open {
                    try sendFrames([frame], delivery)
                    index += 1
                }
                try pump(until: .now)
            case .startClose(let frame):
                guard !observer.facts.failedByTester else {
                    try sendFrames([frame], .oneWrite)
                    continue
                }
                let body = frame.payload.materialize()
                observer.testerCloses(code: body.count >= 2 ? UInt16(body[0]) << 8 | UInt16(body[1]) : nil)
                note("the tester starts the closing handshake")
                try sendFrames([frame], .oneWrite)
                closeSentAt = .now
            case .sendCompressed(let opcode, let payload, let delivery):
                guard let deflate else {
                    note("no permessage-deflate channel: the compressed message is not sent")
                    continue
                }
                let compressed = FrameSpec(rsv: .rsv1, opcode: opcode, payload: .bytes(deflate.compress(pieces: payload.pieces())))
                client.transcript?.add(.note, "compressing \(payload.count) octets to \(compressed.payload.count)")
                try sendFrames([compressed], delivery)
                try pump(until: .now)
            case .sendRaw(let bytes, let delivery):
                client.transcript?.add(.frameSent, "raw octets", bytes: bytes)
                // Raw octets are one piece: only chopping applies to them.
                if case .chopped = delivery { try write(bytes, delivery.controls) } else { try write(bytes, .whole) }
            case .pause(let duration):
                let wait = options.settle(duration)
                note("pause \(wait)")
                try pump(until: .now + wait)
            case .checkpoint(let name, let timeout):
                try pump(until: .now + options.settle(timeout)) { $0.observer.serverSentClose }
                if ending == .open, !observer.serverSentClose {
                    mark(name)
                    note("checkpoint \(name): still open")
                }
            case .awaitEvents(let timeout):
                try pump(until: min(timerDeadline, .now + options.scaled(timeout))) {
                    $0.observer.events.count >= $0.progress.firstCount || !$0.progress.isPrefixOfFirst || $0.observer.facts.failedByTester
                }
            case .roundTrips(let frame, let count):
                for _ in 0..<count {
                    let before = observer.events.count
                    try sendFrames([frame], .oneWrite)
                    try pump(until: timerDeadline) { $0.observer.events.count > before || $0.observer.facts.failedByTester }
                    guard observer.events.count > before, ending == .open, !observer.facts.failedByTester else { break }
                }
            case .echoCompressed(let opcode, let corpus, let size, let count, let fragment, let window):
                try echoCompressed(opcode, corpus, size: size, count: count, fragment: fragment, window: window)
            }
        }
    }

    /// Sends `count` compressed messages with at most `window` awaiting their echo (see
    /// `Step.echoCompressed`). Stops early when the timer is due, the connection ends, or the
    /// echoes have left every acceptable outcome: the close policy takes over from there.
    private mutating func echoCompressed(_ opcode: Opcode, _ corpus: PayloadCorpus, size: Int, count: Int, fragment: Int?, window: Int)
        throws
    {
        guard let deflate else {
            note("no permessage-deflate channel: the \(count) compressed messages are not sent")
            return
        }
        let base = observer.events.count
        let window = max(1, window)
        for index in 0..<count {
            // The echo of the message `window` places back must be in before this one goes.
            let due = index - window + 1
            if due > 0 {
                // A tester that failed the connection (a rule the server broke) waits for no echo.
                try pump(until: timerDeadline) {
                    $0.observer.events.count - base >= due || !$0.progress.canStillMatch || $0.observer.facts.failedByTester
                }
                guard observer.events.count - base >= due, progress.canStillMatch else { return }
            }
            guard ending == .open, !observer.facts.failedByTester, ContinuousClock.now < timerDeadline else { return }
            let message = { corpus.message(index, size: size).materialize() }
            let compressed =
                deflate.freshContextSignature.map { signature in
                    CompressedMessageCache.shared.payload(
                        CompressedMessageCache.Key(corpus: corpus.id, index: index, size: size, signature: signature)
                    ) { deflate.compress(message()) }
                } ?? deflate.compress(message())
            if deflate.ownMessagesReadAsPeers {
                observer.recognition.record(compressed, corpus.message(index, size: size))
            }
            var frames: [FrameSpec] = []
            var part = 0
            while var frame = Step.fragment(opcode, .bytes(compressed), size: fragment ?? max(1, compressed.count), index: part) {
                // RFC 7692 §6.1: RSV1 on the first frame of a compressed message only.
                if part == 0 { frame.rsv = .rsv1 }
                frames.append(frame)
                part += 1
            }
            try sendFrames(frames, .oneWrite)
        }
        try pump(until: .now)
    }

    /// After the steps: close when the events are in, answer and wait for the server's close,
    /// enforce the case timer and the close-handshake timeouts, until TCP is closed. The rules
    /// are `ClosePolicy`'s; this performs its actions.
    mutating func settle() throws {
        let expectation = testCase.expectation
        var policy = ClosePolicy(
            testerCloses: expectation.close.initiator == .tester,
            someOutcomeTesterCloses: expectation.outcomes.contains { $0.close?.initiator == .tester }, timer: expectation.timer,
            timerDeadline: timerDeadline, grace: options.scaled(.seconds(1)))
        while ending == .open {
            var deadline: ContinuousClock.Instant?
            for action in policy.next(closeState) {
                if case .read(let until) = action { deadline = until } else if try perform(action) { return }
            }
            guard let deadline else { continue }
            let before = closeState
            try pump(until: deadline) { policy.interrupts(from: before, to: $0.closeState) }
            guard ending == .open, ContinuousClock.now >= deadline else { continue }
            for action in policy.expired(closeState, at: .now) where try perform(action) { return }
        }
    }

    /// What the close policy needs to know now.
    private var closeState: ClosePolicy.State {
        ClosePolicy.State(
            testerSentClose: observer.testerSentClose, serverSentClose: observer.serverSentClose,
            expectedEventsIn: progress.matchesFirst || progress.isFinal, canStillMatch: progress.canStillMatch,
            finalOutcomeTesterCloses: progress.isFinal
                && progress.matchedOutcome.map { testCase.expectation.outcomes[$0].close?.initiator == .tester } == true,
            events: observer.events.count, closeSentAt: closeSentAt, handshakeDoneAt: handshakeDoneAt)
    }

    /// Performs one of the close policy's actions; true when the case is over.
    private mutating func perform(_ action: ClosePolicy.Action) throws -> Bool {
        switch action {
        case .sendClose(let code, let text): try sendClose(code, reason: text)
        case .read: break
        case .note(let text): note(text)
        case .failByTimer: observer.failByTimer()
        case .notClean(let text): observer.noteNotClean(text)
        case .drop:
            end()
            return true
        }
        return false
    }
}
