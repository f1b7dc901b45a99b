/// A streaming UTF-8 validator for text messages, RFC 6455 §8.1 and RFC 3629 §4.
///
/// A text message arrives in frames, and frames arrive in TCP reads, so the validator is fed
/// pieces and resumes inside a code point. It fails fast: the reported offset is the first
/// byte that no valid UTF-8 sequence could continue with, which is what RFC 6455 §8.1 lets an
/// endpoint act on ("MUST _Fail the WebSocket Connection_") before the message is complete.
///
/// Checks follow the RFC 3629 §4 syntax exactly, so overlong forms, surrogates
/// (U+D800–U+DFFF) and code points above U+10FFFF are all invalid:
///
///     UTF8-2 = %xC2-DF UTF8-tail
///     UTF8-3 = %xE0 %xA0-BF UTF8-tail / %xE1-EC 2( UTF8-tail ) /
///              %xED %x80-9F UTF8-tail / %xEE-EF 2( UTF8-tail )
///     UTF8-4 = %xF0 %x90-BF 2( UTF8-tail ) / %xF1-F3 3( UTF8-tail ) /
///              %xF4 %x80-8F 2( UTF8-tail )
///
/// Only the lead byte narrows the range of the byte after it; every later continuation byte
/// is %x80-BF. So the whole state is "how many continuation bytes are still needed" and "the
/// range the next one must fall in".
public struct UTF8Validator: Sendable {
    /// What the bytes fed so far amount to.
    public enum State: Hashable, Sendable {
        /// Every byte so far belongs to a complete, valid code point.
        case valid
        /// Valid so far, but the bytes end inside a code point; more must follow.
        case incomplete
        /// The byte at `offset` (counted from the first byte ever fed) cannot occur there.
        case invalid(offset: Int)
    }

    /// Bytes fed since the last `reset()`, including any after a failure.
    public private(set) var bytesFed = 0
    /// Offset of the first offending byte, once there is one; it never changes afterwards.
    private var failureOffset: Int?
    /// Continuation bytes still needed to finish the current code point (0...3).
    private var pending = 0
    /// Inclusive range that the next continuation byte must fall in.
    private var lower: UInt8 = 0x80
    private var upper: UInt8 = 0xBF

    /// A validator at the start of a message.
    public init() {}

    /// The verdict on everything fed so far.
    public var state: State {
        if let failureOffset { return .invalid(offset: failureOffset) }
        return pending == 0 ? .valid : .incomplete
    }

    /// True when the bytes so far form complete, valid UTF-8: the message could end here.
    public var isComplete: Bool { failureOffset == nil && pending == 0 }

    /// The verdict if the message ended now. A message that ends inside a code point is
    /// invalid (RFC 6455 §8.1 applies to the whole message); the offset is then the end of the
    /// input, where the missing continuation byte should have been.
    public func stateAtEnd() -> State {
        switch state {
        case .incomplete: return .invalid(offset: bytesFed)
        case let other: return other
        }
    }

    /// Forgets everything, ready for the next message.
    public mutating func reset() { self = UTF8Validator() }

    /// Validates one whole message: the verdict after feeding all of `bytes` and ending there.
    public static func validate(_ bytes: [UInt8]) -> State {
        var validator = UTF8Validator()
        validator.feed(bytes)
        return validator.stateAtEnd()
    }

    /// Feeds the next bytes of the message and returns the verdict so far.
    @discardableResult
    public mutating func feed(_ bytes: [UInt8]) -> State {
        bytes.withUnsafeBufferPointer { feed($0) }
    }

    /// Feeds the next bytes of the message from any collection (slices, `Data`-like types);
    /// contiguous storage is read in place, anything else is copied once.
    @discardableResult
    public mutating func feed<Bytes: Collection>(_ bytes: Bytes) -> State where Bytes.Element == UInt8 {
        if let state = bytes.withContiguousStorageIfAvailable({ feed($0) }) { return state }
        return Array(bytes).withUnsafeBufferPointer { feed($0) }
    }

    /// Feeds the next bytes of the message from a buffer and returns the verdict so far.
    @discardableResult
    public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> State {
        let start = bytesFed
        bytesFed += bytes.count
        if failureOffset != nil { return state }
        if let bad = scan(bytes) { failureOffset = start + bad }
        return state
    }

    /// Runs the state machine over `bytes`; returns the index of the first offending byte.
    private mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        // Work on locals so the loop keeps the state in registers; write back on every exit.
        var (pending, lower, upper) = (self.pending, self.lower, self.upper)
        defer { (self.pending, self.lower, self.upper) = (pending, lower, upper) }
        while index < bytes.count {
            let byte = bytes[index]
            if pending > 0 {
                // UTF8-tail, narrowed for the byte right after E0, ED, F0 or F4.
                guard byte >= lower && byte <= upper else { return index }
                pending -= 1
                (lower, upper) = (0x80, 0xBF)
                index += 1
                continue
            }
            if byte < 0x80 {
                // UTF8-1; skip the whole ASCII run in one go.
                index = Self.endOfASCII(in: bytes, from: index + 1)
                continue
            }
            // A lead byte: how many tails follow, and the range of the first one.
            switch byte {
            case 0xC2...0xDF: (pending, lower, upper) = (1, 0x80, 0xBF)
            case 0xE0: (pending, lower, upper) = (2, 0xA0, 0xBF)  // no overlong 3-byte forms
            case 0xE1...0xEC, 0xEE...0xEF: (pending, lower, upper) = (2, 0x80, 0xBF)
            case 0xED: (pending, lower, upper) = (2, 0x80, 0x9F)  // no surrogates
            case 0xF0: (pending, lower, upper) = (3, 0x90, 0xBF)  // no overlong 4-byte forms
            case 0xF1...0xF3: (pending, lower, upper) = (3, 0x80, 0xBF)
            case 0xF4: (pending, lower, upper) = (3, 0x80, 0x8F)  // nothing above U+10FFFF
            default: return index  // 80–BF (stray tail), C0–C1 (overlong), F5–FF (never used)
            }
            index += 1
        }
        return nil
    }

    /// The index of the first non-ASCII byte at or after `start`, or `bytes.count`.
    ///
    /// Text is mostly ASCII, so this is the hot loop. It reads eight bytes as one word: if no
    /// byte has its high bit set, all eight are UTF8-1 and are skipped together. The unaligned
    /// raw load is the only unsafe step; `index + 8 <= count` keeps it inside the buffer.
    @inline(__always)
    private static func endOfASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = start
        while index + 8 <= raw.count {
            // Little-endian order puts byte `index` in the low bits on every platform.
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let highBits = word & 0x8080_8080_8080_8080
            if highBits != 0 { return index + highBits.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < bytes.count && bytes[index] < 0x80 { index += 1 }
        return index
    }
}
