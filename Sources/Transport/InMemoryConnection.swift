import Foundation
import Platform

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// One end of a connection held in memory, for unit tests of the engine and the reference
/// server without sockets. Mirrors what TCP reports through `Connection`:
///
/// - a read with nothing to read waits until its deadline, then `.timedOut`;
/// - after the peer's `shutdownWrite` or `close(abortive: false)`, reads drain what was
///   written, then `.endOfStream`;
/// - after the peer's `close(abortive: true)`, reads report `.reset` at once (like a kernel
///   that discards queued data on RST);
/// - writes after the peer closed, or after our own `shutdownWrite`, report `.peerClosed`;
/// - each direction buffers at most `capacity` octets; a writer waits for the reader beyond that.
public final class InMemoryConnection: Connection {
    private let link: MemoryLink
    /// 0 or 1: which end of `link` this is.
    private let side: Int
    public let peerDescription: String

    private init(link: MemoryLink, side: Int) {
        self.link = link
        self.side = side
        peerDescription = side == 0 ? "memory:b" : "memory:a"
    }

    /// Two connected ends; each direction buffers at most `capacity` octets.
    public static func pair(capacity: Int = 1 << 20) -> (InMemoryConnection, InMemoryConnection) {
        let link = MemoryLink(capacity: max(1, capacity))
        return (InMemoryConnection(link: link, side: 0), InMemoryConnection(link: link, side: 1))
    }

    public func read(maxBytes: Int, deadline: Deadline) throws(SocketError) -> ReadOutcome {
        try link.read(side: side, maxBytes: max(1, maxBytes), deadline: deadline)
    }

    public func write(_ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        try link.write(side: side, bytes, deadline: deadline)
    }

    /// Waits until the peer has read everything written (or has gone away).
    public func waitUntilFlushed(deadline: Deadline) throws(SocketError) -> Bool {
        try link.waitUntilDrained(side: side, deadline: deadline)
    }

    public func shutdownWrite() { link.shutdownWrite(side: side) }

    public func close(abortive: Bool) { link.close(side: side, abortive: abortive) }

    deinit { close(abortive: false) }
}

/// The shared buffers of an `InMemoryConnection` pair.
///
/// `@unchecked Sendable` because every stored property but the immutable `capacity` is read
/// and written only while holding `condition`'s lock.
private final class MemoryLink: @unchecked Sendable {
    /// Octets one side wrote for the other, and how that side ended its writing.
    struct Direction {
        var bytes: [UInt8] = []
        /// Octets of `bytes` already read.
        var head = 0
        /// The writer half-closed or closed gracefully (FIN).
        var finished = false
        /// The writer closed abortively (RST).
        var reset = false
        /// The reader closed: more writing is pointless (EPIPE).
        var readerClosed = false

        var available: Int { bytes.count - head }
    }

    let capacity: Int
    private let condition = NSCondition()
    /// Indexed by the writing side.
    private var directions = [Direction(), Direction()]
    private var closed = [false, false]

    init(capacity: Int) { self.capacity = capacity }

    /// Runs `body` under the lock, waiting (until `deadline`) whenever it returns nil.
    private func waitFor<T>(_ deadline: Deadline, _ body: () throws(SocketError) -> T?) throws(SocketError) -> T? {
        condition.lock()
        defer { condition.unlock() }
        // Each pass either returns or waits; the deadline check ends the loop once it passes.
        while true {
            if let value = try body() { return value }
            if deadline.hasPassed { return nil }
            let left = deadline.remaining.components
            let seconds = Double(left.seconds) + Double(left.attoseconds) / 1e18
            _ = condition.wait(until: Date(timeIntervalSinceNow: seconds))
        }
    }

    private func checkOpen(_ side: Int, _ operation: String) throws(SocketError) {
        if closed[side] { throw SocketError(operation, errno: Errno(EBADF), detail: "connection closed") }
    }

    func read(side: Int, maxBytes: Int, deadline: Deadline) throws(SocketError) -> ReadOutcome {
        let incoming = 1 - side
        let outcome = try waitFor(deadline) { () throws(SocketError) -> ReadOutcome? in
            try checkOpen(side, "read")
            var direction = directions[incoming]
            if direction.reset { return .reset }
            if direction.available > 0 {
                let count = min(maxBytes, direction.available)
                let bytes = Array(direction.bytes[direction.head..<(direction.head + count)])
                direction.head += count
                if direction.head == direction.bytes.count {
                    direction.bytes.removeAll(keepingCapacity: true)
                    direction.head = 0
                }
                directions[incoming] = direction
                condition.broadcast()
                return .bytes(bytes)
            }
            return direction.finished ? .endOfStream : nil
        }
        return outcome ?? .timedOut
    }

    func write(side: Int, _ bytes: [UInt8], deadline: Deadline) throws(SocketError) -> WriteOutcome {
        var offset = 0
        let outcome = try waitFor(deadline) { () throws(SocketError) -> WriteOutcome? in
            try checkOpen(side, "write")
            let direction = directions[side]
            if direction.finished || direction.readerClosed || directions[1 - side].reset {
                return .peerClosed(written: offset)
            }
            let count = min(bytes.count - offset, capacity - direction.available)
            if count > 0 {
                directions[side].bytes += bytes[offset..<(offset + count)]
                offset += count
                condition.broadcast()
            }
            return offset == bytes.count ? .written : nil
        }
        return outcome ?? .timedOut(written: offset)
    }

    func waitUntilDrained(side: Int, deadline: Deadline) throws(SocketError) -> Bool {
        let drained = try waitFor(deadline) { () throws(SocketError) -> Bool? in
            try checkOpen(side, "waitUntilFlushed")
            let direction = directions[side]
            return direction.available == 0 || direction.readerClosed ? true : nil
        }
        return drained ?? false
    }

    func shutdownWrite(side: Int) {
        condition.lock()
        defer { condition.unlock() }
        directions[side].finished = true
        condition.broadcast()
    }

    func close(side: Int, abortive: Bool) {
        condition.lock()
        defer { condition.unlock() }
        guard !closed[side] else { return }
        closed[side] = true
        if abortive { directions[side].reset = true } else { directions[side].finished = true }
        // What we had not read is gone, and the peer's later writes have no reader.
        directions[1 - side].readerClosed = true
        directions[1 - side].bytes = []
        directions[1 - side].head = 0
        condition.broadcast()
    }
}
