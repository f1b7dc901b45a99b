import Cases
import Client
import PerMessageDeflate
import Platform
import Transport
import Wire

/// Decompression bombs as a measurement, not a verdict: how large a message the target inflates
/// and echoes, and how it refuses a larger one. RFC 6455 §10.4 says an implementation SHOULD
/// limit message size (after inflation, for a compressed message) but gives no number, so the
/// size is reported beside the verdicts and judged only against a limit the user names
/// (`--max-inflate`).
///
/// Each trial opens a connection with permessage-deflate, sends one binary message of zeros
/// compressed as far as DEFLATE goes (about 1030 to 1: no DEFLATE stream inflates a thousand
/// times more, so the trials grow the size, not the ratio), then a ping. An echo of the message
/// or the pong means the server took it; a close frame, a dropped connection or silence means
/// it did not. Sizes grow until the first message not taken. Our side stays bounded: the echo
/// is decoded as frames and its payload discarded, never inflated.
public enum InflationProbe {
    /// How the target reacted to one message.
    public enum Reaction: Hashable, Sendable {
        /// It echoed the message or answered the ping after it.
        case accepted
        /// It sent a close frame with this code (nil: none).
        case refused(UInt16?)
        /// It closed or reset TCP without a close frame.
        case dropped
        /// Nothing within the deadline.
        case silent
        /// The opening handshake failed or agreed no permessage-deflate: nothing was sent.
        case notSent(String)
    }

    /// One message and what became of it.
    public struct Trial: Hashable, Sendable {
        /// The inflated size, in octets.
        public var size: Int
        /// The compressed payload's size on the wire.
        public var compressedSize: Int
        public var reaction: Reaction
        /// From the message's first octet written to the reaction.
        public var duration: Duration
    }

    /// The inflated sizes tried, each four times the one before.
    public static let ladder = [1 << 20, 4 << 20, 16 << 20, 64 << 20, 256 << 20]
    /// No trial inflates to more than this (1 GiB), whatever limit is named.
    public static let largestTrial = 1 << 30

    /// The sizes to try: the ladder, and one octet past `maxInflate` when one is named, so a
    /// server whose limit is exactly the user's passes.
    public static func sizes(maxInflate: Int?) -> [Int] {
        var sizes = Set(ladder)
        if let limit = maxInflate, limit >= 0, limit < largestTrial { sizes.insert(limit + 1) }
        return sizes.sorted()
    }

    /// Tries the sizes in order until one is not accepted.
    public static func probe(_ target: TargetURL, options: RunOptions) -> [Trial] {
        var trials: [Trial] = []
        for size in sizes(maxInflate: options.maxInflate) {
            let trial = self.trial(size: size, target: target, options: options)
            trials.append(trial)
            guard trial.reaction == .accepted else { break }
        }
        return trials
    }

    /// The offer of every trial: permessage-deflate with nothing asked.
    static let offer = "permessage-deflate"

    /// One connection, one message of `size` zeros compressed, one ping.
    static func trial(size: Int, target: TargetURL, options: RunOptions) -> Trial {
        var trial = Trial(size: size, compressedSize: 0, reaction: .notSent(""), duration: .zero)
        let client = ClientConnection()
        let opening = Deadline.after(options.scaled(.seconds(5)))
        do {
            try client.dial(target, dialer: options.dialer, deadline: opening)
        } catch {
            trial.reaction = .notSent(error.description)
            return trial
        }
        defer { client.close(abortive: false) }
        let request = options.standardRequest(for: target, extensions: [offer])
        var generator = SystemRandomNumberGenerator()
        var decoder = FrameDecoder(sender: .server, allowedReservedBits: .rsv1, maxPayloadLength: 1 << 40)
        var reaction: Reaction?
        do {
            guard case .response(let head, let remainder)? = try client.openingHandshake(request.serialized(), deadline: opening),
                head.statusCode == 101
            else {
                trial.reaction = .notSent("the opening handshake did not complete")
                return trial
            }
            let answer = head.fields.values("Sec-WebSocket-Extensions")
            guard (try? DeflateChannel.client(offered: [offer], response: answer)) != nil else {
                trial.reaction = .notSent("the target agreed no permessage-deflate")
                return trial
            }
            let bomb = try MessageCompressor.zeros(count: size)
            trial.compressedSize = bomb.count
            var octets = FrameEncoder.encode(
                Frame(rsv: .rsv1, opcode: .binary, maskingKey: MaskingKey.random(using: &generator), payload: bomb))
            octets += FrameEncoder.encode(
                Frame(opcode: .ping, maskingKey: MaskingKey.random(using: &generator), payload: Array("inflated?".utf8)))
            var reader = ReactionReader()
            reaction = reader.feed(remainder, &decoder)
            let started = ContinuousClock.now
            let deadline = Deadline.after(options.scaled(.seconds(30)))
            _ = try client.write(octets, deadline: deadline) { until in
                if reaction == nil, case .octets(let more) = try client.read(until: until) { reaction = reader.feed(more, &decoder) }
                return reaction == nil && client.ending == nil
            }
            while reaction == nil {
                switch try client.read(until: deadline) {
                case .octets(let more): reaction = reader.feed(more, &decoder)
                case .ended: reaction = .dropped
                case .timedOut, .response, .unreadableResponse: reaction = .silent
                }
            }
            trial.duration = ContinuousClock.now - started
        } catch {
            reaction = reaction ?? .dropped
        }
        trial.reaction = reaction ?? .silent
        return trial
    }

    /// Reads server frames for the first reaction, discarding data payloads.
    struct ReactionReader {
        private var opcode: Opcode?
        private var control: [UInt8] = []

        mutating func feed(_ octets: [UInt8], _ decoder: inout FrameDecoder) -> Reaction? {
            for event in decoder.feed(octets) {
                switch event {
                case .head(let head, _):
                    opcode = head.opcode
                    control = []
                    if head.opcode.startsDataMessage || head.opcode == .continuation, head.fin { return .accepted }
                case .payload(let chunk):
                    if opcode?.isControl == true, control.count < 125 { control += chunk.prefix(125 - control.count) }
                case .end:
                    if opcode == .pong { return .accepted }
                    if opcode == .close { return .refused(ClosePayload.parse(control).payload.code?.rawValue) }
                }
            }
            return nil
        }
    }
}
