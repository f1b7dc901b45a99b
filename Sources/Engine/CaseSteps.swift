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
                guard !observer.testerSentClose else {
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
                let compressed = FrameSpec(rsv: .rsv1, opcode: opcode, payload: .bytes(deflate.compress(payload.materialize())))
                client.transcript?.add(.note, "compressing \(payload.count) octets to \(compressed.payload.count)")
                try sendFrames([compressed], delivery)
                try pump(until: .now)
            case .sendRaw(let bytes, let delivery):
                client.transcript?.add(.frameSent, "raw octets", bytes: bytes)
                // Raw octets are one piece: only chopping applies to them.
                if case .chopped = delivery { try write(bytes, delivery.controls) } else { try write(bytes, .whole) }
            case .pause(let duration):
                note("pause \(duration)")
                try pump(until: .now + duration)
            case .checkpoint(let name, let timeout):
                try pump(until: .now + options.scaled(timeout)) { $0.observer.serverSentClose }
                if ending == .open, !observer.serverSentClose {
                    mark(name)
                    note("checkpoint \(name): still open")
                }
            case .awaitEvents(let timeout):
                try pump(until: min(timerDeadline, .now + options.scaled(timeout))) {
                    $0.observer.events.count >= $0.progress.firstCount || !$0.progress.isPrefixOfFirst
                }
            case .roundTrips(let frame, let count):
                for _ in 0..<count {
                    let before = observer.events.count
                    try sendFrames([frame], .oneWrite)
                    try pump(until: timerDeadline) { $0.observer.events.count > before }
                    guard observer.events.count > before, ending == .open else { break }
                }
            }
        }
    }

    /// After the steps: close when the events are in, answer and wait for the server's close,
    /// enforce the case timer and the close-handshake timeouts, until TCP is closed.
    mutating func settle() throws {
        let expectation = testCase.expectation
        let oneSecond = options.scaled(.seconds(1))
        var diverges = false
        while ending == .open {
            if expectation.close.initiator == .tester, !observer.testerSentClose, !observer.serverSentClose {
                // The matcher has compared each event once, as it arrived (OutcomeMatcher).
                if progress.matchesFirst || progress.isFinal {
                    try sendClose(1000, reason: "the expected events are in: closing with 1000")
                    continue
                }
                if !diverges, !progress.canStillMatch {
                    // No acceptable outcome is reachable any more: close now rather than wait
                    // for the timer (the behaviour is FAILED whatever comes next).
                    diverges = true
                    try sendClose(1000, reason: "the events left every acceptable outcome: closing with 1000")
                    continue
                }
            }
            var deadline = timerFired ? ContinuousClock.now + oneSecond * 10 : timerDeadline
            if let sent = closeSentAt, !observer.serverSentClose { deadline = min(deadline, sent + oneSecond) }
            if let done = handshakeDoneAt { deadline = min(deadline, done + oneSecond) }
            let seen = observer.events.count
            let closing = (observer.testerSentClose, observer.serverSentClose)
            try pump(until: deadline) { session in
                // Stop reading to act as soon as a new event arrives while the tester must close,
                // and whenever a Close frame goes either way: the deadline depends on them.
                (session.observer.testerSentClose, session.observer.serverSentClose) != closing
                    || expectation.close.initiator == .tester && !session.observer.testerSentClose
                        && !session.observer.serverSentClose && session.observer.events.count != seen
            }
            guard ending == .open, ContinuousClock.now >= deadline else { continue }
            if let done = handshakeDoneAt, ContinuousClock.now >= done + oneSecond {
                note("the server did not close TCP within \(oneSecond) of the closing handshake: dropping")
                setNotClean("the server did not drop TCP (in time)")
                return end()
            }
            if let sent = closeSentAt, !observer.serverSentClose, ContinuousClock.now >= sent + oneSecond {
                note("no close reply within \(oneSecond): dropping TCP")
                setNotClean("the server did not answer the close (in time)")
                return end()
            }
            if !timerFired {
                timerFired = true
                try fireTimer()
            } else {
                note("the case timer expired long ago: dropping TCP")
                return end()
            }
        }
    }

    private mutating func setNotClean(_ text: String) { observer.noteNotClean(text) }

    private mutating func fireTimer() throws {
        switch testCase.expectation.timer {
        case .kill(let duration):
            note("kill timer (\(duration)) fired")
            if !observer.testerSentClose, !observer.serverSentClose {
                observer.failByTimer()
                try sendClose(1001, reason: "failing the connection with 1001 (going away)")
            } else {
                setNotClean("the closing handshake did not finish before the kill timer")
                end()
            }
        case .close(let duration):
            note("close timer (\(duration)) fired")
            if !observer.testerSentClose, !observer.serverSentClose {
                try sendClose(nil, reason: "starting the closing handshake (no code)")
            }
        }
    }
}
