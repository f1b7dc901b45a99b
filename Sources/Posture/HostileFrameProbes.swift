import Cases
import Client
import Platform
import Wire

/// Frames a hostile client sends to exhaust a server, each on its own connection and bounded:
/// a length header of 2^63−1 octets, thousands of one-octet fragments, a burst of pings.
enum HostileFrameProbes {
    /// `limits.huge-length`: a binary frame declaring 2^63−1 octets (the largest RFC 6455 §5.2
    /// allows) followed by 1 KiB. A server that checks lengths before allocating closes at
    /// once (1009); one that waits for the payload holds a connection open for ever, and one
    /// that allocates first falls over.
    static func hugeLength(_ context: PostureContext) -> Measurement {
        let id = "limits.huge-length"
        let title = "Reaction to a 2^63−1 length header"
        guard case .upgraded(let link) = context.open() else {
            return .notMeasured(id: id, title: title, unit: .milliseconds, advice: "the opening handshake did not upgrade")
        }
        defer { link.close() }
        var generator = SystemRandomNumberGenerator()
        let head = Frame(opcode: .binary, maskingKey: MaskingKey.random(using: &generator), payload: [])
        let octets = FrameEncoder.header(for: head, declaredLength: UInt64(Int64.max)) + [UInt8](repeating: 0x41, count: 1024)
        let started = ContinuousClock.now
        let bound = context.scaled(.seconds(3))
        link.write(octets, deadline: .after(bound))
        let reaction = ServerReaction.awaitEcho(of: UInt64(Int64.max), on: link, deadline: Deadline(started + bound))
        let milliseconds = Self.milliseconds(ContinuousClock.now - started)
        guard reaction.isRefusal else {
            return .notMeasured(
                id: id, title: title, unit: .milliseconds,
                advice:
                    "\(reaction.words) within \(Int(bound.seconds)) s: the server waits for 8 EiB of payload; check the length against a limit as soon as the header is read (RFC 6455 §10.4)"
            ).warned()
        }
        return Measurement(
            id: id, title: title, value: milliseconds, unit: .milliseconds, policy: Measurement.Policy(warn: 1000),
            observed: "\(reaction.words) after \(milliseconds) ms", advice: "refused from the header alone")
    }

    /// `limits.fragments`: a text message in 10,001 frames of one octet each. Reassembling is
    /// allowed (RFC 6455 §5.4 sets no count), so either answer is fine; silence is not.
    static func fragments(_ context: PostureContext) -> Measurement {
        let id = "limits.fragments"
        let title = "One-octet fragments of one message"
        let count = 10_001
        guard case .upgraded(let link) = context.open() else {
            return .notMeasured(id: id, title: title, unit: .count, advice: "the opening handshake did not upgrade")
        }
        defer { link.close() }
        var octets: [UInt8] = []
        octets.reserveCapacity(count * 7)
        for index in 0..<count {
            octets += link.encoded(index == 0 ? .text : .continuation, [0x61], fin: index == count - 1)
        }
        let deadline = Deadline.after(context.scaled(.seconds(5)))
        link.write(octets, deadline: deadline)
        let reaction = ServerReaction.awaitEcho(of: UInt64(count), on: link, deadline: deadline)
        switch reaction {
        case .accepted:
            return Measurement(
                id: id, title: title, value: Double(count), unit: .count, observed: "\(count) reassembled and echoed",
                advice: "reassembled: fine while the message size limit also bounds the fragments' count")
        case .closed, .dropped:
            return Measurement(
                id: id, title: title, value: Double(count), unit: .count, observed: "\(count) sent, \(reaction.words)",
                advice: "refused: the server limits fragmented messages")
        case .silent, .notSent:
            return .notMeasured(
                id: id, title: title, unit: .count, advice: "\(reaction.words) after \(count) fragments: neither echoed nor refused"
            ).warned()
        }
    }

    /// `limits.ping-flood`: 1,000 pings of 8 octets in one burst. RFC 6455 §5.5.2 says an
    /// endpoint answers each ping "as soon as is practical"; a server may also answer only the
    /// latest (§5.5.3) or close a flooding client. The value is the pongs received.
    static func pingFlood(_ context: PostureContext) -> Measurement {
        let id = "limits.ping-flood"
        let title = "Pongs for a burst of 1,000 pings"
        let count = 1000
        guard case .upgraded(let link) = context.open() else {
            return .notMeasured(id: id, title: title, unit: .count, advice: "the opening handshake did not upgrade")
        }
        defer { link.close() }
        var octets: [UInt8] = []
        for index in 0..<count { octets += link.encoded(.ping, Array(String(format8: index).utf8)) }
        let deadline = Deadline.after(context.scaled(.seconds(3)))
        link.write(octets, deadline: deadline)
        var pongs = 0
        var ending: String?
        reading: while pongs < count {
            switch link.next(until: deadline) {
            case .frame(let frame):
                if frame.opcode == .pong { pongs += 1 }
                if frame.opcode == .close {
                    ending = "closed with \(ClosePayload.parse(frame.control).payload.code.map { String($0.rawValue) } ?? "no code")"
                    break reading
                }
            case .ended:
                ending = "dropped TCP"
                break reading
            case .timedOut:
                break reading
            }
        }
        let observed = "\(pongs) of \(count) answered" + (ending.map { ", then \($0)" } ?? "")
        let advice: String
        var status = Measurement.Status.ok
        if pongs == count {
            advice = "answered every ping"
        } else if ending != nil {
            advice = "closed a flooding client"
        } else if pongs == 0 {
            advice = "answered no ping within 3 s: a burst of pings stalls the connection"
            status = .warn
        } else {
            advice = "throttled: answered some pings (RFC 6455 §5.5.3 allows answering only the latest)"
        }
        var measurement = Measurement(id: id, title: title, value: Double(pongs), unit: .count, observed: observed, advice: advice)
        measurement.status = status
        return measurement
    }

    static func milliseconds(_ duration: Duration) -> Double { (duration.seconds * 10_000).rounded() / 10 }
}

extension String {
    /// A decimal number padded to eight digits, without Foundation.
    init(format8 number: Int) {
        let digits = String(number)
        let padding = Swift.max(0, 8 - digits.count)
        self = String(repeating: "0", count: padding) + digits
    }
}

extension Measurement {
    /// The same measurement as a warning (nothing measured, and that itself is a concern).
    func warned() -> Measurement {
        var copy = self
        copy.status = .warn
        return copy
    }
}
