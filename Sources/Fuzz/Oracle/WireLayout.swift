import Wire

/// The shape of a script's octets as a server that reads on past every rule would see them:
/// how long the head is, whether the stream ends inside a frame, whether it holds a Close.
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

    public init(_ wire: ScriptWire) {
        var parser = HTTPHeadParser(maxSize: OracleOptions.unlimitedHandshake)
        guard case .complete(let head, let remainder) = parser.feed(wire.bytes) else { return }
        headLength = wire.bytes.count - remainder.count
        bareLineFeeds = head.bareLineFeeds
        otherHTTPVersion = head.version != "HTTP/1.1"
        draftVersion = Self.namesDraftVersion(head)
        var decoder = FrameDecoder(sender: .client, allowedReservedBits: [], maxPayloadLength: .max)
        var message: UInt64 = 0
        for event in decoder.feed(remainder) {
            guard case .head(let frame, let violations) = event else { continue }
            largestDeclaredLength = max(largestDeclaredLength, frame.payloadLength)
            if frame.opcode == .text || frame.opcode == .binary { message = 0 }
            if !frame.opcode.isControl {
                message = message.addingReportingOverflow(frame.payloadLength).partialValue
                if message > OracleOptions.smallestMessageLimit { messageSizes.insert(message) }
            }
            if frame.opcode == .text { text = true }
            if frame.opcode == .close { close = true }
            for violation in violations {
                if case .nonMinimalLength = violation.rule { nonMinimalLengths += 1 }
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
        for index in all.indices { all[index].host = host }
        return all
    }
}
