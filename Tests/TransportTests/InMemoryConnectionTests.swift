import Cases
import Testing

@testable import Transport

@Suite("InMemoryConnection keeps the Connection contract without sockets")
struct InMemoryConnectionTests {
    @Test("bytes arrive in order, in reads of at most maxBytes")
    func roundTrip() throws {
        let (a, b) = InMemoryConnection.pair()
        #expect(try a.write([1, 2, 3, 4, 5], deadline: .after(.seconds(1))) == .written)
        #expect(try b.read(maxBytes: 2, deadline: .after(.seconds(1))) == .bytes([1, 2]))
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([3, 4, 5]))
        #expect(try b.write([9], deadline: .after(.seconds(1))) == .written)
        #expect(try a.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([9]))
    }

    @Test("a read with nothing to read returns .timedOut at its deadline")
    func readTimesOut() throws {
        let (a, b) = InMemoryConnection.pair()
        // Keep `a` open until the end: releasing it closes it, and `b` would read .endOfStream.
        defer { a.close(abortive: false) }
        let start = ContinuousClock.now
        #expect(try b.read(maxBytes: 1, deadline: .after(.milliseconds(100))) == .timedOut)
        #expect(ContinuousClock.now - start >= .milliseconds(100))
    }

    @Test("a waiting read wakes when the peer writes")
    func blockedReadWakes() throws {
        let (a, b) = InMemoryConnection.pair()
        let reader = Background { try b.read(maxBytes: 10, deadline: .after(.seconds(5))) }
        #expect(try a.write([42], deadline: .after(.seconds(1))) == .written)
        #expect(try reader.value() == .bytes([42]))
    }

    @Test("after the peer's shutdownWrite, reads drain the data, then .endOfStream; the other direction stays open")
    func halfClose() throws {
        let (a, b) = InMemoryConnection.pair()
        _ = try a.write([1, 2], deadline: .after(.seconds(1)))
        a.shutdownWrite()
        #expect(try a.write([3], deadline: .after(.seconds(1))) == .peerClosed(written: 0))
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([1, 2]))
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .endOfStream)
        #expect(try b.write([7], deadline: .after(.seconds(1))) == .written)
        #expect(try a.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([7]))
    }

    @Test("after the peer's abortive close, reads report .reset and writes .peerClosed")
    func abortiveClose() throws {
        let (a, b) = InMemoryConnection.pair()
        _ = try a.write([1, 2], deadline: .after(.seconds(1)))
        a.close(abortive: true)
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .reset)
        #expect(try b.write([3], deadline: .after(.seconds(1))) == .peerClosed(written: 0))
    }

    @Test("after the peer's graceful close, reads drain, then .endOfStream; writes report .peerClosed")
    func gracefulClose() throws {
        let (a, b) = InMemoryConnection.pair()
        _ = try a.write([1, 2], deadline: .after(.seconds(1)))
        a.close(abortive: false)
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([1, 2]))
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .endOfStream)
        #expect(try b.write([3], deadline: .after(.seconds(1))) == .peerClosed(written: 0))
    }

    @Test("releasing an end closes it gracefully")
    func releaseCloses() throws {
        let b = InMemoryConnection.pair().1
        #expect(try b.read(maxBytes: 1, deadline: .after(.seconds(1))) == .endOfStream)
    }

    @Test("using an end after closing it throws EBADF")
    func useAfterClose() throws {
        let (a, _) = InMemoryConnection.pair()
        a.close(abortive: false)
        let error = #expect(throws: SocketError.self) { _ = try a.read(maxBytes: 1, deadline: .now) }
        #expect(error?.errno?.rawValue == 9)  // EBADF
    }

    @Test("a write beyond the capacity waits for the reader, then times out with the octets taken")
    func backpressure() throws {
        let (a, b) = InMemoryConnection.pair(capacity: 4)
        let outcome = try a.write([1, 2, 3, 4, 5, 6], deadline: .after(.milliseconds(50)))
        #expect(outcome == .timedOut(written: 4))
        #expect(try a.waitUntilFlushed(deadline: .after(.milliseconds(20))) == false)
        #expect(try b.read(maxBytes: 10, deadline: .after(.seconds(1))) == .bytes([1, 2, 3, 4]))
        #expect(try a.waitUntilFlushed(deadline: .after(.seconds(1))))
    }

    @Test("a writer waiting for space finishes when the reader drains")
    func writerWakes() throws {
        let (a, b) = InMemoryConnection.pair(capacity: 2)
        let writer = Background { try a.write([1, 2, 3, 4, 5], deadline: .after(.seconds(5))) }
        let (bytes, last) = try readExactly(5, from: b, deadline: .after(.seconds(5)))
        #expect(bytes == [1, 2, 3, 4, 5])
        #expect(last == nil)
        #expect(try writer.value() == .written)
    }

    @Test("chopped sends report cut offsets, and waitUntilFlushed waits for the reader")
    func chopControls() throws {
        let (a, b) = InMemoryConnection.pair()
        let reader = Background { try readExactly(6, from: b, deadline: .after(.seconds(5))).bytes }
        let (outcome, cuts) = try a.send(
            [1, 2, 3, 4, 5, 6], controls: WireControls(chopSize: 4, flushEachWrite: true), deadline: .after(.seconds(5)))
        #expect(outcome == .written)
        #expect(cuts == [4])
        #expect(try reader.value() == [1, 2, 3, 4, 5, 6])
    }
}
