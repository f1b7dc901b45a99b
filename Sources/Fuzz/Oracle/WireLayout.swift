import PerMessageDeflate
import Wire

/// The shape of a script's octets as a server that reads on past every rule would see them:
/// how long the head is, whether the stream ends inside a frame, whether it holds a Close,
/// what its compressed messages inflate to under a permessage-deflate reading.
///
/// It tells which of RFC 6455's choices (`OracleOptions`) can matter for an input, so the
/// oracle enumerates only those, and how the tester must end the session so that every
/// conforming server shows its reaction without a timer (`ScriptExecutor.Finish`).
public struct WireLayout: Hashable, Sendable {
    /// The request head's length in octets, nil when the octets never complete one.
    public var headLength: Int?
    /// Whether the head ends lines in bare LFs (RFC 9112 §2.2).
    public var bareLineFeeds = false
    /// Whether the request line names a version other than HTTP/1.1.
    public var otherHTTPVersion = false
    /// Whether the request names one draft version a server may also understand (7 or 8).
    public var draftVersion = false
    /// How many frame headers write their length in more octets than needed (§5.2).
    public var nonMinimalLengths = 0
    /// The largest payload length a frame header declares.
    public var largestDeclaredLength: UInt64 = 0
    /// Message sizes a server's limit could first be exceeded at: after each data frame, the
    /// octets of its message so far (declared lengths), those over the smallest limit only.
    public var messageSizes: Set<UInt64> = []
    /// Whether some frame is a text frame (so when UTF-8 is judged can matter, §8.1).
    public var text = false
    /// Whether some frame is a Close.
    public var close = false
    /// Whether the octets end inside a frame (a header or a payload not finished).
    public var endsInsideFrame = false
    /// The permessage-deflate reading the layout was made under, and the agreement it gives
    /// for the head's offer.
    public var deflate: DeflateReading
    public var agreement: PerMessageDeflateParameters?
    /// Compressed messages (RSV1 on the first frame under the agreement, RFC 7692 §6).
    public var compressedMessages = 0
    /// Whether some compressed message does not end on a block boundary (RFC 7692 §7.2.1).
    public var unterminatedDeflate = false
    /// Whether some compressed message holds a block with BFINAL set (RFC 7692 §7.2.3.4), and
    /// whether one inflates to more after it.
    public var finalBlock = false
    public var dataAfterFinalBlock = false
    /// Whether some compressed message comes in more than one frame, or is left unfinished
    /// (a first frame without FIN): a server that inflates whole messages only never inflates
    /// an unfinished one (RFC 7692 §7.2.2 says what is inflated, not when).
    public var fragmentedCompressedMessage = false

    public init(_ wire: ScriptWire, deflate: DeflateReading = .asOffered) {
        self.deflate = deflate
        var parser = HTTPHeadParser(maxSize: OracleOptions.unlimitedHandshake)
        guard case .complete(let head, let remainder) = parser.feed(wire.bytes) else { return }
        headLength = wire.bytes.count - remainder.count
        bareLineFeeds = head.bareLineFeeds
        otherHTTPVersion = head.version != "HTTP/1.1"
        draftVersion = Self.namesDraftVersion(head)
        agreement = deflate.agreement(offers: head.fields.values("Sec-WebSocket-Extensions"))
        readFrames(remainder)
    }

    /// Reads the frames after the head as a server that reads on past every rule would, the
    /// compressed messages inflated (bounded) for their sizes.
    private mutating func readFrames(_ octets: [UInt8]) {
        var decoder = FrameDecoder(sender: .client, allowedReservedBits: agreement == nil ? [] : .rsv1, maxPayloadLength: .max)
        let inflater = agreement.flatMap { ServerInflater(agreement: $0, emptiesWindow: true) }
        var message: UInt64 = 0
        var current: FrameHead?
        var compressed = false
        var fragment: [UInt8] = []
        for event in decoder.feed(octets) {
            switch event {
            case .head(let frame, let violations):
                current = frame
                largestDeclaredLength = max(largestDeclaredLength, frame.payloadLength)
                if frame.opcode == .text || frame.opcode == .binary {
                    message = 0
                    compressed = inflater != nil && frame.rsv.contains(.rsv1)
                    if compressed { compressedMessages += 1 }
                }
                if !frame.opcode.isControl, !compressed {
                    message = message.addingReportingOverflow(frame.payloadLength).partialValue
                    if message > OracleOptions.smallestMessageLimit { messageSizes.insert(message) }
                }
                if frame.opcode == .text { text = true }
                if frame.opcode == .close { close = true }
                for violation in violations {
                    if case .nonMinimalLength = violation.rule { nonMinimalLengths += 1 }
                }
            case .payload(let chunk):
                if compressed, current?.opcode.isControl == false { fragment += chunk }
            case .end:
                guard let frame = current, !frame.opcode.isControl, compressed, let inflater else { continue }
                if frame.opcode == .continuation || !frame.fin { fragmentedCompressedMessage = true }
                // A limit below a message's inflated size fails it with 1009 (RFC 6455 §10.4).
                let step = inflater.inflate(fragment, isFinal: frame.fin, cap: DeflateReading.inflateCap)
                dataAfterFinalBlock = dataAfterFinalBlock || inflater.moreAfterFinalBlock(step)
                switch step {
                case .inflated(let octets): message += UInt64(octets.count)
                case .unterminated(let octets):
                    message += UInt64(octets.count)
                    unterminatedDeflate = true
                default: break
                }
                fragment = []
                finalBlock = finalBlock || inflater.sawFinalBlock
                if message > OracleOptions.smallestMessageLimit { messageSizes.insert(message) }
                if frame.fin { compressed = false }
            }
        }
        endsInsideFrame = !decoder.isAtFrameBoundary
    }

    /// True when the request's only `Sec-WebSocket-Version` is 7 or 8. The version check is
    /// the last of `HandshakeCheck.checkRequest`, so a 426 for such a request means that
    /// everything else was in order.
    static func namesDraftVersion(_ head: HTTPHead) -> Bool {
        let versions = head.fields.values("Sec-WebSocket-Version")
        return versions == ["7"] || versions == ["8"]
    }

    /// How many message limits are tried at most: one per message that could be the first
    /// over a limit, the largest first.
    static let messageLimitReadings = 4

    /// Every combination of the choices that can change the reaction to these octets, the
    /// reference server's (`OracleOptions.strict`) first.
    public func choices(host: String) -> [OracleOptions] {
        var all = [OracleOptions.strict]
        func vary<Value>(_ keyPath: WritableKeyPath<OracleOptions, Value>, _ values: [Value]) {
            all = all.flatMap { options in
                [options]
                    + values.map { value in
                        var other = options
                        other[keyPath: keyPath] = value
                        return other
                    }
            }
        }
        if let headLength, headLength > OracleOptions.smallestHandshakeLimit {
            vary(\.maxHandshakeSize, [OracleOptions.smallestHandshakeLimit, OracleOptions.unlimitedHandshake])
        }
        if bareLineFeeds || otherHTTPVersion { vary(\.strictAboutHead, [true]) }
        if draftVersion { vary(\.understandsDraftVersions, [true]) }
        if nonMinimalLengths > 0 { vary(\.failsNonMinimalLength, [false]) }
        if nonMinimalLengths > 1 { vary(\.nonMinimalLengthFailing, [nonMinimalLengths]) }
        // Any limit a server may choose (RFC 6455 §10.4): one just under each size a message
        // reaches, the largest few (which message fails first is all a limit changes), and none.
        let limits = messageSizes.sorted(by: >).prefix(Self.messageLimitReadings).map { $0 - 1 }
        let sizes = limits.filter { $0 != OracleOptions.strict.maxMessageSize }
        if largestDeclaredLength > OracleOptions.strict.maxMessageSize || !sizes.isEmpty {
            vary(\.maxMessageSize, [.max] + sizes)
        }
        if endsInsideFrame { vary(\.judgesPartialHeaders, [true]) }
        if text { vary(\.utf8Decision, [.atMessageEnd, .atDelivery]) }
        if unterminatedDeflate { vary(\.failsUnterminatedDeflate, [false]) }
        if dataAfterFinalBlock { vary(\.readsPastFinalBlock, [false]) }
        if fragmentedCompressedMessage { vary(\.inflatesWholeMessages, [true]) }
        // The window matters after a final block only when a later message may refer back.
        if finalBlock, compressedMessages > 1 { vary(\.keepsWindowAfterFinalBlock, [false]) }
        // An empty window for each message matters only when a message can refer to another.
        if compressedMessages > 1, agreement?.clientNoContextTakeover == true { vary(\.emptiesWindowPerMessage, [false]) }
        for index in all.indices {
            all[index].host = host
            all[index].deflate = deflate
        }
        return all
    }
}
