import Cases
import Dispatch
import Platform
import Testing
import Transport
import Wire

@testable import Client

/// The one client core over the in-memory connection: the response head read once, writes
/// under the controls, reading while the kernel (here: the pipe's capacity) takes no more.
@Suite("Client: the client core")
struct ClientConnectionTests {
    static let head = Array("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n".utf8)

    /// Runs `body` on another thread; `wait()` returns its result.
    final class Peer<Value: Sendable>: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var value: Value?
        init(_ body: @escaping @Sendable () -> Value) {
            DispatchQueue.global().async {
                self.value = body()
                self.done.signal()
            }
        }
        func wait() -> Value? {
            done.wait()
            return value
        }
    }

    static func transcribed(_ connection: any Connection, awaitingResponse: Bool = true) -> ClientConnection {
        ClientConnection(
            connection: connection, transcript: TranscriptRecorder(start: .now, limit: 100), awaitingResponse: awaitingResponse)
    }

    @Test("the response head is read once, however it is split, and the octets after it are handed on")
    func responseHead() throws {
        let (near, far) = InMemoryConnection.pair()
        let client = Self.transcribed(near)
        let server = Peer {
            _ = try? far.read(maxBytes: 4096, deadline: .after(.seconds(5)))
            _ = try? far.write(Array(Self.head.prefix(10)), deadline: .after(.seconds(5)))
            _ = try? far.write(Array(Self.head.dropFirst(10)) + [0x81, 0x00], deadline: .after(.seconds(5)))
            _ = try? far.write([0x82, 0x00], deadline: .after(.seconds(5)))
            return true
        }
        guard
            case .response(let head, let remainder)? = try client.openingHandshake(
                Array("GET / HTTP/1.1\r\n\r\n".utf8), deadline: .after(.seconds(5)))
        else {
            Issue.record("no response head")
            return
        }
        #expect(head.statusCode == 101)
        #expect(client.response?.statusCode == 101)
        // The frames after the head arrive with it or later, however the reads fall.
        var frames = remainder
        while frames.count < 4, case .octets(let more) = try client.read(until: .after(.seconds(5))) { frames += more }
        #expect(frames == [0x81, 0x00, 0x82, 0x00])
        #expect(server.wait() == true)
    }

    @Test("an answer that never ends its head is reported as data once past the cap, not thrown")
    func unreadableHead() throws {
        let (near, far) = InMemoryConnection.pair()
        let client = Self.transcribed(near)
        let writer = Peer {
            (try? far.write([UInt8](repeating: 0x41, count: 200 << 10), deadline: .after(.seconds(5)))) ?? .timedOut(written: 0)
        }
        defer { far.close(abortive: false) }
        guard case .unreadableResponse? = try client.openingHandshake(Array("GET / HTTP/1.1\r\n\r\n".utf8), deadline: .after(.seconds(5)))
        else {
            Issue.record("an endless head was not reported")
            return
        }
        near.close(abortive: false)
        _ = writer.wait()
    }

    @Test("the end of the server's side is noted once and then reported without reading")
    func endOfStream() throws {
        let (near, far) = InMemoryConnection.pair()
        let client = Self.transcribed(near, awaitingResponse: false)
        far.close(abortive: false)
        #expect(try client.read(until: .after(.seconds(5))) == .ended(.fin))
        #expect(try client.read(until: .after(.seconds(5))) == .ended(.fin))
        #expect(client.ending == .fin)
        #expect(client.transcript?.entries.filter { $0.text == "the server closed TCP (FIN)" }.count == 1)
    }

    @Test("chopped writes are cut where the controls say, and the transcript keeps the cuts")
    func chopped() throws {
        let (near, far) = InMemoryConnection.pair()
        let client = Self.transcribed(near, awaitingResponse: false)
        let reader = Peer { () -> [UInt8] in
            var got: [UInt8] = []
            while got.count < 7, case .bytes(let bytes) = (try? far.read(maxBytes: 64, deadline: .after(.seconds(5)))) ?? .timedOut {
                got += bytes
            }
            return got
        }
        let result = try client.write(
            [1, 2, 3, 4, 5, 6, 7], controls: WireControls(chopSize: 3, flushEachWrite: true), deadline: .after(.seconds(5))
        ) { _ in true }
        #expect(result == .written)
        #expect(client.transcript?.entries.last?.cuts == [3, 6])
        #expect(reader.wait() == [1, 2, 3, 4, 5, 6, 7])
        #expect(client.transcript?.entries.contains { $0.text.contains("did not drain") } == false)
    }

    @Test("a server that writes before it reads is read while the client writes: neither side deadlocks")
    func noDeadlock() throws {
        let (near, far) = InMemoryConnection.pair(capacity: 1024)
        let client = Self.transcribed(near, awaitingResponse: false)
        let octets = 64 << 10
        let server = Peer { () -> Int in
            // Fill the client's direction first (blocks once 1 KiB is buffered), then read everything.
            guard
                case .written = (try? far.write([UInt8](repeating: 7, count: octets), deadline: .after(.seconds(10))))
                    ?? .timedOut(written: 0)
            else { return -1 }
            var read = 0
            while read < octets, case .bytes(let bytes) = (try? far.read(maxBytes: 1 << 16, deadline: .after(.seconds(10)))) ?? .timedOut {
                read += bytes.count
            }
            return read
        }
        var received = 0
        let result = try client.write([UInt8](repeating: 9, count: octets), deadline: .after(.seconds(10)), sliceWait: .milliseconds(2)) {
            until in
            if case .octets(let bytes) = try client.read(until: until) { received += bytes.count }
            return true
        }
        #expect(result == .written)
        while received < octets, case .octets(let bytes) = try client.read(until: .after(.seconds(5))) { received += bytes.count }
        #expect(received == octets)
        #expect(server.wait() == octets)
    }

    @Test("a pause before the first write is spent reading, and the write's deadline counts from its end")
    func pauseBefore() throws {
        let (near, far) = InMemoryConnection.pair()
        let client = Self.transcribed(near, awaitingResponse: false)
        _ = try far.write([0x89, 0x00], deadline: .after(.seconds(1)))
        var drained: [UInt8] = []
        let start = ContinuousClock.now
        let result = try client.write(
            [1], controls: WireControls(pauseBefore: .milliseconds(150)), deadline: .after(.milliseconds(50))
        ) { until in
            if case .octets(let bytes) = try client.read(until: until) { drained += bytes }
            return true
        }
        #expect(result == .written)
        #expect(drained == [0x89, 0x00])
        #expect(ContinuousClock.now - start >= .milliseconds(150))
        #expect(try far.read(maxBytes: 8, deadline: .after(.seconds(1))) == .bytes([1]))
    }

    @Test("a reader that says the outcome is settled stops the write")
    func settledStops() throws {
        let (near, far) = InMemoryConnection.pair(capacity: 16)
        defer { far.close(abortive: false) }
        let client = Self.transcribed(near, awaitingResponse: false)
        let result = try client.write([UInt8](repeating: 1, count: 1024), deadline: .after(.seconds(5)), sliceWait: .milliseconds(2)) { _ in
            false
        }
        #expect(result == .stopped(written: 16))
    }
}
