import Fuzz
import PerMessageDeflate
import Wire

/// What a fuzz input is, in the words a finding's reason uses ("a request line with HTTP/1.2",
/// "an unmasked frame"). A finding against a real server is expected only when its signature
/// and a class of its input both match a line of `Expected/<peer>.tsv`: one example of a
/// signature cannot vouch for inputs of another kind.
///
/// Each class is a predicate over the octets the script sends, read as a server that reads on
/// past every rule reads them (the head, then every frame), so it holds whichever rule the
/// oracle saw broken first. An input may be of several classes.
enum InputClass: String, CaseIterable, Sendable, CustomStringConvertible {
    /// The request method is not GET (RFC 6455 §4.1, §4.2.1 item 1).
    case methodNotGET = "method-not-get"
    /// The request line names HTTP/1.0 or HTTP/0.x: RFC 6455 §4.1 asks for at least 1.1.
    case http10OrOlder = "http-1.0-or-older"
    /// The request line names HTTP/1.2 to HTTP/1.9: RFC 9110 §2.5 asks a server to process it
    /// as the highest 1.x it implements.
    case http12To19 = "http-1.2-to-1.9"
    /// The request line names HTTP/2.0 or a later major version, in HTTP/1.1 syntax.
    case http2OrNewer = "http-2-or-newer"
    /// No Host field line (RFC 6455 §4.2.1 item 2, RFC 9112 §3.2).
    case noHost = "no-host"
    /// Host field lines more than once (RFC 9112 §3.2).
    case repeatedHost = "repeated-host"
    /// The field line "Upgrade: websocket" (any case) more than once: a list field whose
    /// lines may be repeated (RFC 9110 §5.3, §7.8).
    case repeatedUpgrade = "repeated-upgrade"
    /// Sec-WebSocket-Key field lines more than once (RFC 6455 §11.3.1).
    case repeatedKey = "repeated-key"
    /// One Sec-WebSocket-Key whose value is not 16 octets in base64 (RFC 6455 §4.2.1 item 5).
    case keyNot16Octets = "key-not-16-octets"
    /// Sec-WebSocket-Version field lines more than once (RFC 6455 §4.2.1 item 6, §11.3.5).
    case repeatedVersion = "repeated-version"
    /// A frame without the MASK bit (RFC 6455 §5.1).
    case unmaskedFrame = "unmasked-frame"
    /// A frame with a reserved opcode and FIN clear (RFC 6455 §5.2).
    case reservedOpcodeFinClear = "reserved-opcode-fin-clear"
    /// A text or binary frame while a fragmented message is unfinished (RFC 6455 §5.4).
    case dataFrameInsideMessage = "data-frame-inside-message"
    /// A Close whose code no endpoint may send (RFC 6455 §7.4.1–§7.4.2).
    case closeCodeForbidden = "close-code-forbidden"
    /// A Close with code 1014, registered with IANA (RFC 6455 §11.7).
    case closeCode1014 = "close-code-1014"
    /// A Close with a 1-octet body (RFC 6455 §5.5.1).
    case closeBodyOneOctet = "close-body-one-octet"
    /// A request head over 8000 octets, the smallest limit a server may set (RFC 9112 §3
    /// recommends supporting request lines of at least 8000 octets); a server that will not
    /// read it MUST answer with a 4xx status (RFC 9110 §5.4), not drop the connection.
    case headOver8000Octets = "head-over-8000-octets"
    /// Sec-WebSocket-Extensions field lines more than once, which RFC 6455 §11.3.2 allows
    /// ("logically the same as a single field" with all the values).
    case repeatedExtensions = "repeated-extensions"
    /// A permessage-deflate offer a server must decline (RFC 7692 §7: an unknown or repeated
    /// parameter, an invalid value) — declined, not refused: the handshake stays valid.
    case deflateOfferToDecline = "deflate-offer-to-decline"
    /// A control frame with RSV1 once the offer would be agreed (RFC 7692 §6.1).
    case rsv1ControlFrame = "rsv1-control-frame"
    /// A compressed message whose DEFLATE data does not inflate (corrupt, or referring back
    /// past the octets sent) under the reference server's answer to the offer (RFC 7692 §7.2.2).
    case deflateDataInvalid = "deflate-data-invalid"
    /// A compressed message with a DEFLATE block with BFINAL set (RFC 7692 §7.2.3.4).
    case deflateFinalBlock = "deflate-final-block"
    /// A permessage-deflate offer with server_no_context_takeover (RFC 7692 §7.1.1.1).
    case deflateOfferServerNoContextTakeover = "deflate-offer-server-no-context-takeover"
    /// A control frame between the frames of a message whose first frame has RSV1, once the
    /// offer would be agreed: RFC 6455 §5.4 allows it there, and RSV1 belongs to the message's
    /// first frame alone (RFC 7692 §6.1).
    case controlInsideCompressedMessage = "control-inside-compressed-message"
    /// A control frame after a whole message with RSV1, once the offer would be agreed: a
    /// server that compresses its echo in another thread (node's ws, in zlib's pool) may send
    /// what follows before it.
    case controlAfterCompressedMessage = "control-after-compressed-message"
    /// At least 65,536 writes of at most 16 octets each (a large message chopped fine): a
    /// server that keeps each read as a chunk until the message completes holds that many.
    /// A matter of delivery, not of octets: TCP may join or split writes (RFC 9293 §3.10.7.3),
    /// and none of the RFCs' rules depend on where a read ends.
    case manyTinyWrites = "many-tiny-writes"

    var description: String { rawValue }

    /// Every class `script` is of.
    static func classes(of script: SessionScript) -> Set<InputClass> {
        let wire = script.wire(host: "127.0.0.1")
        var input = ReadInput(wire.bytes)
        input.tinyWrites = wire.writes.count { $0.bytes.count <= 16 }
        return Set(allCases.filter { $0.holds(for: input) })
    }

    private func holds(for input: ReadInput) -> Bool {
        switch self {
        case .methodNotGET: return input.head.map { $0.method != "GET" } ?? false
        case .http10OrOlder: return input.version.map { $0.major == 0 || ($0.major == 1 && $0.minor == 0) } ?? false
        case .http12To19: return input.version.map { $0.major == 1 && $0.minor >= 2 } ?? false
        case .http2OrNewer: return input.version.map { $0.major >= 2 } ?? false
        case .noHost: return input.head.map { $0.fields.values("Host").isEmpty } ?? false
        case .repeatedHost: return input.lines("Host") > 1
        case .repeatedUpgrade:
            let values = input.head?.fields.values("Upgrade") ?? []
            return values.filter { $0.lowercased() == "websocket" }.count > 1
        case .repeatedKey: return input.lines("Sec-WebSocket-Key") > 1
        case .keyNot16Octets:
            guard let keys = input.head?.fields.values("Sec-WebSocket-Key"), keys.count == 1 else { return false }
            return !AcceptKey.isWellFormed(key: keys[0])
        case .repeatedVersion: return input.lines("Sec-WebSocket-Version") > 1
        case .unmaskedFrame: return input.frames.contains { $0.head.maskingKey == nil }
        case .reservedOpcodeFinClear: return input.frames.contains { $0.head.opcode.isReserved && !$0.head.fin }
        case .dataFrameInsideMessage:
            return input.frames.contains { frame in
                frame.violations.contains {
                    if case .dataFrameInsideFragmentedMessage = $0.rule { return true }
                    return false
                }
            }
        case .closeCodeForbidden: return input.closeCodes.contains { !$0.mayBeSentInCloseFrame }
        case .closeCode1014: return input.closeCodes.contains(CloseCode(rawValue: 1014))
        case .closeBodyOneOctet: return input.frames.contains { $0.head.opcode == .close && $0.complete && $0.payload.count == 1 }
        case .headOver8000Octets: return input.headSize > 8000
        case .repeatedExtensions: return input.lines("Sec-WebSocket-Extensions") > 1
        case .deflateOfferToDecline:
            let offers = ExtensionOffer.parseList(input.head?.fields.values("Sec-WebSocket-Extensions") ?? []).offers
            return offers.contains { $0.hasName("permessage-deflate") && !PerMessageDeflateParameters.parse($0, as: .offer).isValid }
        case .rsv1ControlFrame:
            return input.agreement != nil && input.frames.contains { $0.head.opcode.isControl && $0.head.rsv.contains(.rsv1) }
        case .deflateDataInvalid: return input.inflation.invalid
        case .deflateFinalBlock: return input.inflation.finalBlock
        case .deflateOfferServerNoContextTakeover:
            let offers = ExtensionOffer.parseList(input.head?.fields.values("Sec-WebSocket-Extensions") ?? []).offers
            return offers.contains { $0.hasName("permessage-deflate") && PerMessageDeflateParameters.parse($0, as: .offer).parameters.serverNoContextTakeover }
        case .controlInsideCompressedMessage:
            guard input.agreement != nil else { return false }
            var inCompressedMessage = false
            for frame in input.frames {
                if frame.head.opcode.isControl {
                    if inCompressedMessage { return true }
                } else if frame.head.opcode == .continuation {
                    if frame.head.fin { inCompressedMessage = false }
                } else {
                    inCompressedMessage = frame.head.rsv.contains(.rsv1) && !frame.head.fin
                }
            }
            return false
        case .controlAfterCompressedMessage:
            guard input.agreement != nil else { return false }
            var compressedEnded = false
            var compressed = false
            for frame in input.frames {
                if frame.head.opcode.isControl {
                    if compressedEnded { return true }
                } else {
                    if frame.head.opcode != .continuation { compressed = frame.head.rsv.contains(.rsv1) }
                    if compressed, frame.head.fin { compressedEnded = true }
                }
            }
            return false
        case .manyTinyWrites: return input.tinyWrites >= 65_536
        }
    }
}

/// A script's octets as a server that reads on past every rule sees them.
private struct ReadInput {
    struct ReadFrame {
        var head: FrameHead
        var violations: [Violation]
        var payload: [UInt8] = []
        var complete = false
    }

    var head: HTTPHead?
    /// Octets of the request head, whether or not it completes.
    var headSize = 0
    var frames: [ReadFrame] = []
    /// How many of the writes carry at most 16 octets.
    var tinyWrites = 0

    init(_ bytes: [UInt8]) {
        var parser = HTTPHeadParser(maxSize: OracleOptions.unlimitedHandshake)
        guard case .complete(let head, let remainder) = parser.feed(bytes) else {
            headSize = bytes.count
            return
        }
        self.head = head
        headSize = bytes.count - remainder.count
        var decoder = FrameDecoder(sender: .client, allowedReservedBits: [], maxPayloadLength: .max)
        for event in decoder.feed(remainder) {
            switch event {
            case .head(let head, let violations): frames.append(ReadFrame(head: head, violations: violations))
            case .payload(let chunk): frames[frames.count - 1].payload += chunk
            case .end: frames[frames.count - 1].complete = true
            }
        }
    }

    /// The request line's version when it is "HTTP/" digit "." digit (RFC 9112 §2.3).
    var version: (major: Int, minor: Int)? {
        guard let text = head?.version, text.hasPrefix("HTTP/") else { return nil }
        let digits = Array(text.dropFirst(5))
        guard digits.count == 3, digits[1] == ".", let major = digits[0].wholeNumberValue, let minor = digits[2].wholeNumberValue else {
            return nil
        }
        return (major, minor)
    }

    /// The reference server's answer to the head's permessage-deflate offer, if any.
    var agreement: PerMessageDeflateParameters? {
        DeflateReading.asOffered.agreement(offers: head?.fields.values("Sec-WebSocket-Extensions") ?? [])
    }

    /// The compressed messages inflated in order, as a server inflates them under `agreement`
    /// (bounded): whether one does not inflate, whether one holds a block with BFINAL set.
    var inflation: (invalid: Bool, finalBlock: Bool) {
        guard agreement != nil, let inflater = try? MessageDecompressor(windowBits: 15) else { return (false, false) }
        var result = (invalid: false, finalBlock: false)
        var compressed = false
        for frame in frames where frame.complete && !frame.head.opcode.isControl {
            if frame.head.opcode != .continuation { compressed = frame.head.rsv.contains(.rsv1) }
            guard compressed else { continue }
            if case .invalidData = inflater.decompress(
                fragment: frame.payload, isFinal: frame.head.fin, maxOutput: DeflateReading.inflateCap)
            {
                result.invalid = true
                return result
            }
            result.finalBlock = result.finalBlock || inflater.sawFinalBlock
        }
        return result
    }

    /// How many field lines are named `name` (any case).
    func lines(_ name: String) -> Int { head?.fields.values(name).count ?? 0 }

    /// The codes of the complete Close frames.
    var closeCodes: [CloseCode] {
        frames.filter { $0.head.opcode == .close && $0.complete && $0.payload.count >= 2 }.map {
            CloseCode(rawValue: UInt16($0.payload[0]) << 8 | UInt16($0.payload[1]))
        }
    }
}
