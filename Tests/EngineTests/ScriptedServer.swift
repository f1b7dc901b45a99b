import Cases
import Foundation
import PerMessageDeflate
import Platform
import Transport
import Wire

@testable import Engine

/// What the scripted server does with one frame from the tester.
enum ServerMove: Sendable {
    /// Writes these octets.
    case send([UInt8])
    /// Writes these octets, then closes TCP (FIN).
    case sendAndClose([UInt8])
    /// Does nothing.
    case ignore
}

/// A server at the far end of an in-memory connection, on a thread of its own: it decodes the
/// tester's frames (RFC 6455 §5.1: masked, from a client) and answers each as `move` says, until
/// the tester closes TCP or 5 s pass. No socket, no port.
final class ScriptedServer: Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// `idle`: how long the server waits before its first read (the tester's writes block
    /// meanwhile once the pipe is full).
    init(_ connection: InMemoryConnection, idle: Duration = .zero, move: @escaping @Sendable (Frame) -> ServerMove) {
        let finished = finished
        Thread {
            if idle > .zero { Syscall.pause(idle) }
            defer {
                connection.close(abortive: false)
                finished.signal()
            }
            var assembler = FrameAssembler(decoder: FrameDecoder(sender: .client))
            let deadline = Deadline.after(.seconds(5))
            while case .bytes(let bytes)? = try? connection.read(maxBytes: 1 << 16, deadline: deadline) {
                for decoded in assembler.feed(bytes) {
                    switch move(decoded.frame) {
                    case .ignore: continue
                    case .send(let octets): _ = try? connection.write(octets, deadline: deadline)
                    case .sendAndClose(let octets):
                        _ = try? connection.write(octets, deadline: deadline)
                        return
                    }
                }
            }
        }.start()
    }

    /// Waits until the server has stopped.
    func wait() { finished.wait() }

    /// Echoes data frames and answers a close with close 1000, then closes TCP: RFC 6455 §5.5.1
    /// and §7.1.1 as a conforming server does them.
    static let conforming: @Sendable (Frame) -> ServerMove = { frame in
        switch frame.opcode {
        case .text, .binary: return .send(serverFrame(frame.opcode, frame.payload))
        case .close: return .sendAndClose(serverClose(1000))
        default: return .ignore
        }
    }
}

/// One case run as `CaseRunner` runs it, against `move` over an in-memory connection instead of
/// a dialled socket (the opening handshake is skipped: the connection starts open).
struct SessionRun {
    var session: CaseSession
    var judgement: Judge.Judgement
    var elapsed: Duration

    /// `capacity` bounds each direction of the in-memory pipe (a full pipe blocks the writer,
    /// as a full socket buffer does); `first` is written by the server before anything is read,
    /// and `idle` passes before the server's first read.
    init(
        _ testCase: TestCase, timeoutScale: Double = 1, capacity: Int = 1 << 20, first: [UInt8] = [], idle: Duration = .zero,
        deflate: PerMessageDeflateParameters? = nil, server move: @escaping @Sendable (Frame) -> ServerMove
    ) throws {
        let (client, far) = InMemoryConnection.pair(capacity: capacity)
        if !first.isEmpty { _ = try far.write(first, deadline: .after(.seconds(5))) }
        let server = ScriptedServer(far, idle: idle, move: move)
        let start = ContinuousClock.now
        session = CaseSession(testCase: testCase, options: RunOptions(timeoutScale: timeoutScale), start: start)
        session.client.adopt(client, awaitingResponse: false)
        if let deflate {
            // As if the opening had agreed to these parameters (RFC 7692 §5).
            let channel = try DeflateChannel(agreed: deflate, role: .client)
            session.deflate = channel
            session.observer = CaseObserver(deflate: channel)
        }
        session.openedAt = start
        try session.perform(testCase.steps)
        try session.settle()
        session.end()
        elapsed = ContinuousClock.now - start
        server.wait()
        judgement = Judge.judge(
            testCase, events: session.observer.events, facts: session.facts, serverViolations: session.observer.serverViolations,
            progress: session.progress)
    }

    /// The transcript's notes, in order.
    var notes: [String] { session.transcript.filter { $0.kind == .note }.map(\.text) }
}
