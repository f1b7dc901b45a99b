import Dispatch
import Foundation
import Synchronization

/// The last octets a target wrote to standard output and error, in a ring of fixed capacity:
/// a server that logs for hours never makes the fuzzer grow, and a crash report keeps the tail,
/// which is where the assertion message or stack trace is.
final class OutputRing: Sendable {
    private struct Ring {
        var storage: [UInt8]
        /// Where the oldest kept octet is.
        var start = 0
        var count = 0
        /// Every octet ever appended, kept or not.
        var total = 0
        var ended = false
        var abandoned = false
    }

    let capacity: Int
    private let ring: Mutex<Ring>
    private let endSignal = DispatchSemaphore(value: 0)

    init(capacity: Int) {
        self.capacity = max(1, capacity)
        ring = Mutex(Ring(storage: [UInt8](repeating: 0, count: max(1, capacity))))
    }

    /// Keeps `bytes`, dropping the oldest octets beyond the capacity.
    func append(_ bytes: UnsafeRawBufferPointer) {
        ring.withLock { ring in
            ring.total += bytes.count
            let kept = bytes.count > capacity ? UnsafeRawBufferPointer(rebasing: bytes.suffix(capacity)) : bytes
            for byte in kept {
                ring.storage[(ring.start + ring.count) % capacity] = byte
                if ring.count < capacity {
                    ring.count += 1
                } else {
                    ring.start = (ring.start + 1) % capacity
                }
            }
        }
    }

    /// The kept octets, oldest first.
    var bytes: [UInt8] {
        ring.withLock { ring in (0..<ring.count).map { ring.storage[(ring.start + $0) % capacity] } }
    }

    /// The kept octets as text (a code point cut at the start of the ring shows as U+FFFD).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Octets appended in all, including those no longer kept.
    var totalBytes: Int { ring.withLock { $0.total } }

    /// Called by the reader at the end of the pipe.
    func markEnded() {
        ring.withLock { $0.ended = true }
        endSignal.signal()
    }

    /// Waits until the pipe ended (every writer is gone) or `timeout` passed; then tells the
    /// reader to give up, so a grandchild that escaped the group cannot keep it forever.
    func finish(within timeout: Duration) {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) * 1e-18
        if endSignal.wait(timeout: .now() + seconds) == .success { endSignal.signal() }
        ring.withLock { $0.abandoned = true }
    }

    var isAbandoned: Bool { ring.withLock { $0.abandoned } }
}

/// Reads a target's output pipe on a thread of its own (a blocking read must never sit on the
/// cooperative pool) into an `OutputRing`, until the pipe ends or the ring is abandoned; then
/// closes the descriptor itself, so no other thread can close it under a read.
enum OutputCapture {
    static func start(reading fd: Int32, into ring: OutputRing) {
        let thread = Thread {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 16 << 10, alignment: 1)
            defer {
                buffer.deallocate()
                Syscall.closeDescriptor(fd)
                ring.markEnded()
            }
            while !ring.isAbandoned {
                switch Syscall.readPipe(fd, into: buffer, waitingMilliseconds: 100) {
                case .bytes(let count): ring.append(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
                case .idle: continue
                case .end: return
                }
            }
        }
        thread.name = "wsconform target output"
        thread.start()
    }
}
