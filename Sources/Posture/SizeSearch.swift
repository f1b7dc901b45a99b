import Cases
import Client
import Platform
import Wire

/// The largest message (or frame) a server echoes, found by a bounded search: sizes grow four
/// times over from 64 KiB until one is refused or the ceiling is reached, then the gap is
/// halved until it is within 1% of what was accepted. Each size is one fresh connection and
/// one binary message of zeros; the server's echo is counted, never kept.
struct SizeSearch {
    /// One size and what the server did with it.
    struct Trial {
        var size: Int
        var reaction: ServerReaction
    }

    /// Octets per frame when a message goes fragmented; nil sends each message as one frame.
    var fragment: Int?
    var ceiling: Int
    /// The first size tried.
    var start = 64 << 10
    /// The search stops after this many sizes whatever happens (a ladder of 8 and 16 halvings).
    static let maxTrials = 24

    /// Runs the search; the trials in the order tried.
    func run(_ context: PostureContext, trial: (Int) -> ServerReaction) -> [Trial] {
        var trials: [Trial] = []
        var accepted = 0
        var refused: Int?
        var size = min(start, ceiling)
        // The ladder.
        while refused == nil, trials.count < Self.maxTrials {
            let reaction = trial(size)
            trials.append(Trial(size: size, reaction: reaction))
            if case .notSent = reaction { return trials }
            if reaction == .accepted { accepted = size } else { refused = size }
            if reaction == .accepted && size >= ceiling { return trials }
            size = min(size * 4, ceiling)
        }
        // Halving: the limit lies in accepted..<refused.
        while let high = refused, high - accepted > max(1, accepted / 100), trials.count < Self.maxTrials {
            let middle = accepted + (high - accepted) / 2
            let reaction = trial(middle)
            trials.append(Trial(size: middle, reaction: reaction))
            if reaction == .accepted { accepted = middle } else { refused = middle }
        }
        return trials
    }

    /// One connection, one message of `size` zeros (fragmented by `fragment`), its echo awaited.
    static func send(_ context: PostureContext, size: Int, fragment: Int?) -> ServerReaction {
        guard case .upgraded(let link) = context.open() else { return .notSent("the opening handshake did not upgrade") }
        defer { link.close() }
        var generator = SystemRandomNumberGenerator()
        let key = MaskingKey.random(using: &generator)
        // Zeros masked are the key repeated; 1 MiB slices keep the masking phase (a multiple of 4).
        let slice = (0..<(1 << 20)).map { key[$0 % 4] }
        let deadline = Deadline.after(context.scaled(.seconds(10)) + .milliseconds(size / 8_000))
        let frameSize = fragment ?? size
        var offset = 0
        repeat {
            let length = min(frameSize, size - offset)
            let first = offset == 0
            let last = offset + length == size
            let head = Frame(fin: last, opcode: first ? .binary : .continuation, maskingKey: key, payload: [])
            guard case .written = link.write(FrameEncoder.header(for: head, declaredLength: UInt64(length)), deadline: deadline) else {
                return ServerReaction.awaitEcho(of: UInt64(size), on: link, deadline: .after(.milliseconds(500)))
            }
            var left = length
            while left > 0 {
                let chunk = min(left, slice.count)
                guard case .written = link.write(chunk == slice.count ? slice : Array(slice[..<chunk]), deadline: deadline) else {
                    return ServerReaction.awaitEcho(of: UInt64(size), on: link, deadline: .after(.milliseconds(500)))
                }
                left -= chunk
            }
            offset += length
        } while offset < size
        return ServerReaction.awaitEcho(of: UInt64(size), on: link, deadline: deadline)
    }
}

/// `limits.max-frame-octets` and `limits.max-message-octets` (RFC 6455 §10.4: "implementations
/// SHOULD impose a limit on frame sizes and the total message size after reassembly").
enum SizeLimitProbes {
    static func run(_ context: PostureContext) -> [Measurement] {
        let ceiling = context.policy.searchCeiling
        let frames = SizeSearch(fragment: nil, ceiling: ceiling).run(context) { SizeSearch.send(context, size: $0, fragment: nil) }
        let frameLimit = frames.last { $0.reaction == .accepted }?.size
        let fragment = max(1, min(64 << 10, frameLimit ?? (64 << 10)))
        let messages = SizeSearch(fragment: fragment, ceiling: ceiling).run(context) {
            SizeSearch.send(context, size: $0, fragment: fragment)
        }
        return [
            measurement(
                id: "limits.max-frame-octets", title: "Largest frame accepted", frames, ceiling: ceiling, context: context,
                shape: "one frame"),
            measurement(
                id: "limits.max-message-octets", title: "Largest message accepted", messages, ceiling: ceiling, context: context,
                shape: "frames of \(fragment) octets"),
        ]
    }

    static func measurement(
        id: String, title: String, _ trials: [SizeSearch.Trial], ceiling: Int, context: PostureContext, shape: String
    ) -> Measurement {
        let policy = context.policy.maxMessage.map { Measurement.Policy(fail: Double($0)) }
        if case .notSent(let why)? = trials.first?.reaction {
            return .notMeasured(id: id, title: title, unit: .octets, policy: policy, advice: why)
        }
        let accepted = trials.last { $0.reaction == .accepted }?.size ?? 0
        let refusal = trials.last { $0.reaction != .accepted }
        var result = Measurement(
            id: id, title: title, value: Double(accepted), unit: .octets, policy: policy,
            observed: refusal.map { "\(accepted) octets; \($0.size) \($0.reaction.words)" } ?? "\(accepted) octets and more",
            advice: "")
        if let refusal {
            result.advice =
                "largest echoed, within 1%, sent as \(shape); \(refusal.size) octets were \(refusal.reaction.words)"
                + (refusal.reaction == .silent ? ": the server went silent instead of closing with 1009" : "")
            if refusal.reaction == .silent, result.status == .ok { result.status = .warn }
        } else {
            result.advice = "every size up to \(ceiling) octets was echoed: no limit there; RFC 6455 §10.4 says a server SHOULD limit sizes"
            if result.status == .ok { result.status = .warn }
        }
        if let limit = context.policy.maxMessage, accepted > limit {
            result.advice = "accepted \(accepted) octets, past --max-message \(limit); " + result.advice
        }
        return result
    }
}
