import Cases
import Synchronization
import Testing
import Wire

@testable import Engine

/// The close policy of a running case, against scripted servers over an in-memory connection:
/// when the tester closes (events in, events gone wrong, a timer), and how long it waits for
/// the server's close and TCP drop (RFC 6455 §7.1.1: the server SHOULD close TCP first).
@Suite("Case session: when the tester closes and how long it waits")
struct CaseSessionTests {
    private func echoCase(_ timer: CaseTimer = .kill(.seconds(10)), level: Requirement = .must) -> TestCase {
        makeCase(.events([.text("Hello")], timer: timer), level: level).with(steps: [.send(.text("Hello"))])
    }

    @Test("the tester closes with 1000 as soon as the expected echo is in, not at the timer")
    func closesWhenEventsAreIn() throws {
        let run = try SessionRun(echoCase(), server: ScriptedServer.conforming)
        #expect(run.judgement.behaviour == .ok)
        #expect(run.judgement.close == .ok)
        let facts = run.session.facts
        #expect(facts.closedByTester && facts.wasClean && !facts.droppedByTester && !facts.failedByTester)
        #expect(facts.localCode == 1000)
        #expect(facts.remoteCode == 1000)
        #expect(run.notes.contains("the expected events are in: closing with 1000"))
        #expect(run.elapsed < .seconds(5))
    }

    @Test("the tester closes at once when the events leave every acceptable outcome")
    func closesOnDivergence() throws {
        let run = try SessionRun(echoCase()) { frame in
            frame.opcode == .text ? .send(serverFrame(.text, Array("Hellp".utf8))) : ScriptedServer.conforming(frame)
        }
        #expect(run.judgement.behaviour == .failed)
        #expect(run.judgement.close == .ok)
        #expect(run.notes.contains("the events left every acceptable outcome: closing with 1000"))
        #expect(run.session.facts.localCode == 1000)
        #expect(run.elapsed < .seconds(5))
    }

    @Test("the kill timer fails the connection with 1001 when the expected echo never comes")
    func killTimer() throws {
        let run = try SessionRun(echoCase(.kill(.seconds(1))), timeoutScale: 0.05) { frame in
            frame.opcode == .close ? .sendAndClose(serverClose(1000)) : .ignore
        }
        let facts = run.session.facts
        #expect(facts.failedByTester && facts.closedByTester && facts.wasClean)
        #expect(facts.localCode == 1001)
        #expect(run.judgement.behaviour == .failed)
        #expect(run.judgement.close == .ok)
    }

    @Test("the close timer starts the closing handshake with an empty close frame")
    func closeTimer() throws {
        let run = try SessionRun(echoCase(.close(.seconds(1))), timeoutScale: 0.05) { frame in
            frame.opcode == .close ? .sendAndClose(frame.payload.isEmpty ? serverFrame(.close) : serverClose(1002)) : .ignore
        }
        let facts = run.session.facts
        #expect(facts.closedByTester && facts.wasClean && !facts.failedByTester)
        #expect(facts.localCode == nil)
        #expect(facts.remoteCode == nil)
    }

    /// Waits are scaled by 0.1: the close wait is 100 ms, the 30 s case timer 3 s.
    private let silentCase = makeCase(.events([], timer: .kill(.seconds(30))))

    @Test("a server that never answers the close is dropped after the one-second close wait, not at the case timer; UNCLEAN")
    func noCloseReply() throws {
        let run = try SessionRun(silentCase, timeoutScale: 0.1) { _ in .ignore }
        let facts = run.session.facts
        #expect(facts.closedByTester && facts.droppedByTester && !facts.wasClean)
        #expect(facts.notCleanReason == "the server did not answer the close (in time)")
        #expect(run.judgement.close == .unclean)
        #expect(run.elapsed < .seconds(1))
    }

    @Test("a server that answers the close but keeps TCP open is dropped by the tester, not at the case timer; UNCLEAN")
    func noTCPDropAfterAnswer() throws {
        let run = try SessionRun(silentCase, timeoutScale: 0.1) { frame in
            frame.opcode == .close ? .send(serverClose(1000)) : .ignore
        }
        let facts = run.session.facts
        #expect(facts.closedByTester && facts.droppedByTester && !facts.wasClean)
        #expect(facts.remoteCode == 1000)
        #expect(run.judgement.close == .unclean)
        #expect(run.elapsed < .seconds(1))
    }

    @Test("a server that fails the connection but keeps TCP open is dropped after the handshake wait: FAILED BY CLIENT")
    func noTCPDropAfterFailing() throws {
        // The checkpoint waits for the server's close, so the handshake is done when settling starts.
        let steps: [Step] = [.send(FrameSpec.text("x", rsv: .rsv2)), .checkpoint("never", timeout: .seconds(50))]
        let testCase = makeCase(.serverFails([1002], timer: .kill(.seconds(10)))).with(steps: steps)
        let run = try SessionRun(testCase, timeoutScale: 0.1) { frame in
            frame.rsv.isEmpty ? .ignore : .send(serverClose(1002))
        }
        let facts = run.session.facts
        #expect(!facts.closedByTester && facts.droppedByTester && !facts.wasClean)
        #expect(facts.notCleanReason == "the server did not drop TCP (in time)")
        #expect(run.judgement.behaviour == .ok)
        #expect(run.judgement.close == .failedByClient)
        #expect(run.elapsed < .seconds(1))
    }

    @Test("a server that fails the connection itself gets the answer 1000 and a clean close")
    func serverFails() throws {
        let testCase = makeCase(.serverFails([1002])).with(steps: [.send(FrameSpec.text("x", rsv: .rsv2))])
        let run = try SessionRun(testCase) { frame in
            frame.rsv.isEmpty ? ScriptedServer.conforming(frame) : .sendAndClose(serverClose(1002))
        }
        let facts = run.session.facts
        #expect(!facts.closedByTester && facts.wasClean)
        #expect(facts.remoteCode == 1002)
        #expect(facts.localCode == 1000)
        #expect(run.judgement.behaviour == .ok)
        #expect(run.judgement.close == .ok)
    }

    @Test("a server that never fails the connection gets the tester's 1001 at the kill timer: close FAILED")
    func serverNeverFails() throws {
        let testCase = makeCase(.serverFails([1002], wrongEndpointFails: true)).with(steps: [.send(FrameSpec.text("x", rsv: .rsv2))])
        let run = try SessionRun(testCase, timeoutScale: 0.05) { frame in
            frame.opcode == .close ? .sendAndClose(serverClose(1000)) : .ignore
        }
        #expect(run.session.facts.localCode == 1001)
        #expect(run.judgement.close == .failed)
        #expect(run.judgement.behaviour == .failed)
    }

    @Test("a ping read while a frame is half written is answered after that frame, never inside it (RFC 6455 §5.4)")
    func pongWaitsForTheFrame() throws {
        let big = [UInt8](repeating: 7, count: 64 << 10)
        let testCase = makeCase(.events([.message(.binary, .bytes(big))], timer: .kill(.seconds(10))))
            .with(steps: [.send(FrameSpec(opcode: .binary, payload: .bytes(big)))])
        let opcodes = Mutex<[Opcode]>([])
        // A 1 KiB pipe and a server that reads nothing for 200 ms: the 64 KiB frame blocks after
        // 1 KiB, the tester reads the server's ping meanwhile, and its pong must wait until the
        // whole frame is out.
        let run = try SessionRun(testCase, capacity: 1024, first: serverFrame(.ping, Array("p".utf8)), idle: .milliseconds(200)) { frame in
            opcodes.withLock { $0.append(frame.opcode) }
            return ScriptedServer.conforming(frame)
        }
        #expect(opcodes.withLock { $0 } == [.binary, .pong, .close])
        #expect(run.judgement.behaviour == .ok)
    }
}

extension TestCase {
    /// The same case with other steps.
    func with(steps: [Step]) -> TestCase {
        TestCase(
            id: id, section: section, rule: rule, level: level, summary: summary, steps: steps, expect: expectation, file: file,
            line: line)
    }

}
