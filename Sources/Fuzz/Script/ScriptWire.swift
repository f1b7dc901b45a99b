import Cases
import Wire

/// The exact octets a client sends for a script, cut into the writes its controls ask for.
///
/// Pure and deterministic: the same script and host give the same octets, which is what makes
/// a campaign reproducible from its seed and a finding replayable from its file.
public struct ScriptWire: Hashable, Sendable {
    /// One write to the socket, made after a pause.
    public struct Write: Hashable, Sendable {
        public var bytes: [UInt8]
        /// Milliseconds to wait before this write (only the first write of a step waits).
        public var delayMilliseconds: Int
        /// The step the octets belong to; nil for the handshake.
        public var step: Int?
    }

    /// Every write in order, the handshake first.
    public var writes: [Write]
    /// The handshake head octets.
    public var handshake: [UInt8]
    /// Where each step's octets lie in `bytes` (absolute offsets, the handshake included).
    public var stepRanges: [Range<Int>]
    /// All octets the client sends, in order.
    public var bytes: [UInt8]

    /// The step whose octets include absolute offset `offset`, if any.
    public func step(containing offset: Int) -> Int? {
        stepRanges.firstIndex { $0.contains(offset) }
    }
}

extension SessionScript {
    /// The octets a client sends for this script to `host`: the handshake head, then each
    /// step's octets (frames through the total `FrameEncoder`), chopped and delayed as the
    /// step's controls say.
    ///
    /// With `traceParent`, the head carries that W3C `traceparent` field last, written with the
    /// head's own line ending, so that the input can be found in the target's logs. The field
    /// is the execution's, not the script's: a finding's file and its replay stay the same
    /// script, and each execution sends a fresh id. The oracle judges these octets, field
    /// included, so a head near a size limit is judged as sent. A head that already names a
    /// `traceparent` field (a hand-written corpus file) is sent as written.
    public func wire(host: String = "localhost", traceParent: TraceParent? = nil) -> ScriptWire {
        var request = handshake.head
        if let traceParent, !namesTraceParent {
            request.fields.append(HeaderField(name: TraceParent.fieldName, value: traceParent.value))
        }
        let head = request.serialized(host: host)
        var writes = [ScriptWire.Write(bytes: head, delayMilliseconds: 0, step: nil)]
        var bytes = head
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(steps.count)
        for (index, step) in steps.enumerated() {
            let octets = step.encoded()
            ranges.append(bytes.count..<bytes.count + octets.count)
            bytes.append(contentsOf: octets)
            let size = max(1, step.chop ?? max(1, octets.count))
            var start = 0
            repeat {
                let end = min(octets.count, start + size)
                writes.append(
                    ScriptWire.Write(
                        bytes: Array(octets[start..<end]), delayMilliseconds: start == 0 ? step.delayMilliseconds : 0, step: index))
                start = end
            } while start < octets.count
        }
        return ScriptWire(writes: writes, handshake: head, stepRanges: ranges, bytes: bytes)
    }

    /// Whether the script's own head has a `traceparent` field (field names are
    /// case-insensitive, RFC 9110 §5.1).
    public var namesTraceParent: Bool {
        handshake.head.fields.contains { $0.name.lowercased() == TraceParent.fieldName }
    }
}
