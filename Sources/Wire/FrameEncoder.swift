/// How the payload length field is written, RFC 6455 §5.2.
///
/// The RFC requires the minimal number of bytes; the other forms exist so that a test or a
/// fuzzer can send the non-minimal encodings a server must refuse.
public enum LengthEncoding: Hashable, Sendable {
    /// 7 bits when the length is ≤ 125, else 16 bits when ≤ 65535, else 64 bits.
    case minimal
    /// Always the 7-bit field. A length over 127 is written modulo 128; 126 and 127 then
    /// announce an extended length that the caller must append itself.
    case sevenBit
    /// Always the 16-bit extended field (marker 126), truncated to 16 bits if longer.
    case sixteenBit
    /// Always the 64-bit extended field (marker 127), most significant bit included.
    case sixtyFourBit
}

/// Serialises frames, total over every input: it never traps, whatever the frame says.
///
/// Unlike a library encoder it will write a reserved opcode, RSV bits, a fragmented control
/// frame, a declared length that lies about the payload, a non-minimal length, or a 64-bit
/// length with the top bit set (RFC 6455 §5.2 forbids it), because a conformance tool has to
/// say every wrong thing precisely.
public enum FrameEncoder {
    /// The header octets for `frame` with the payload length field saying `declaredLength`.
    public static func header(
        for frame: Frame, declaredLength: UInt64, lengthEncoding: LengthEncoding = .minimal
    ) -> [UInt8] {
        var header: [UInt8] = []
        header.reserveCapacity(14)
        header.append((frame.fin ? 0x80 : 0) | frame.rsv.rawValue | frame.opcode.rawValue)
        let maskBit: UInt8 = frame.maskingKey == nil ? 0 : 0x80
        let form: LengthEncoding
        switch lengthEncoding {
        case .minimal:
            form = declaredLength <= 125 ? .sevenBit : (declaredLength <= 0xFFFF ? .sixteenBit : .sixtyFourBit)
        default:
            form = lengthEncoding
        }
        switch form {
        case .sevenBit, .minimal:
            header.append(maskBit | UInt8(truncatingIfNeeded: declaredLength & 0x7F))
        case .sixteenBit:
            header.append(maskBit | 126)
            let value = UInt16(truncatingIfNeeded: declaredLength)
            header.append(UInt8(value >> 8))
            header.append(UInt8(value & 0xFF))
        case .sixtyFourBit:
            header.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                header.append(UInt8(truncatingIfNeeded: declaredLength >> UInt64(shift)))
            }
        }
        if let key = frame.maskingKey {
            header.append(contentsOf: [key[0], key[1], key[2], key[3]])
        }
        return header
    }

    /// The full wire form of `frame`: header, then the payload masked with the frame's key.
    ///
    /// `declaredLength` defaults to the true payload length; any other value makes the header
    /// lie, and the payload octets are written as they are.
    public static func encode(
        _ frame: Frame, declaredLength: UInt64? = nil, lengthEncoding: LengthEncoding = .minimal
    ) -> [UInt8] {
        var bytes = header(
            for: frame, declaredLength: declaredLength ?? UInt64(frame.payload.count),
            lengthEncoding: lengthEncoding)
        let start = bytes.count
        bytes.append(contentsOf: frame.payload)
        if let key = frame.maskingKey {
            key.apply(to: &bytes, range: start..<bytes.count, payloadOffset: 0)
        }
        return bytes
    }
}
