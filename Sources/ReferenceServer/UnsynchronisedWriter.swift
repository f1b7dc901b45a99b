import Dispatch
import Platform
import Transport

/// How the `unsynchronised-writers` fault writes: a control frame from another thread, at
/// once, with no lock; anything else in 1 KiB pieces, each its own write with a yield between,
/// as a writer that sends a frame's header and payload, or a buffer's chunks, separately does.
/// The correct server writes each action whole, from the connection's one thread.
enum UnsynchronisedWriter {
    static let piece = 1024

    /// Writes `bytes` the faulty way; false when the connection is gone.
    static func write(_ bytes: [UInt8], on connection: any Connection) -> Bool {
        if let first = bytes.first, first & 0x08 != 0, first & 0x0F != 0x08 {
            // A ping or pong: from a pool thread, racing the connection's own writes.
            DispatchQueue.global().async { _ = try? connection.write(bytes, deadline: .after(.seconds(5))) }
            return true
        }
        var offset = 0
        while offset < bytes.count {
            let end = min(offset + piece, bytes.count)
            guard case .written = (try? connection.write(Array(bytes[offset..<end]), deadline: .after(.seconds(60)))) ?? .timedOut(written: 0)
            else { return false }
            offset = end
            Syscall.pause(.microseconds(20))
        }
        return true
    }
}
