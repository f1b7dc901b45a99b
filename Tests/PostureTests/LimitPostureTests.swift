import Cases
import ReferenceServer
import Testing

@testable import Posture

/// The size searches and the hostile frames, each against a server whose limits are set and
/// one with none: the measured value matches the configured one within 1%.
@Suite struct LimitPostureTests {
    /// True when `value` is the configured `limit` within 1%, never above it.
    static func matches(_ value: Double?, _ limit: Int) -> Bool {
        guard let value else { return false }
        return value <= Double(limit) && value >= Double(limit) * 0.99
    }

    @Test func messageAndFrameLimitsFoundWithinOnePercent() throws {
        let server = try PostureServer {
            $0.maxMessageSize = 1 << 20
            $0.maxFrameSize = 300_000
        }
        defer { server.stop() }
        let measurements = SizeLimitProbes.run(server.context())
        let frame = measurements[id: "limits.max-frame-octets"]
        let message = measurements[id: "limits.max-message-octets"]
        #expect(Self.matches(frame?.value, 300_000), "\(String(describing: frame))")
        #expect(Self.matches(message?.value, 1 << 20), "\(String(describing: message))")
        #expect(message?.status == .ok)
        #expect(message?.observed?.contains("1009") == true)
    }

    @Test func noLimitWarnsAndFailsPastThePolicy() throws {
        let server = try PostureServer { $0.fault = .noSizeLimit }
        defer { server.stop() }
        let unjudged = SizeLimitProbes.run(server.context())
        #expect(unjudged[id: "limits.max-message-octets"]?.status == .warn)
        #expect(unjudged[id: "limits.max-message-octets"]?.value == Double(4 << 20))
        let judged = SizeLimitProbes.run(server.context { $0.maxMessage = 1 << 20 })
        #expect(judged[id: "limits.max-message-octets"]?.status == .fail)
        #expect(judged[id: "limits.max-frame-octets"]?.status == .fail)
    }

    @Test func hugeLengthRefusedAtOnceOrAwaited() throws {
        let strict = try PostureServer()
        defer { strict.stop() }
        let refused = HostileFrameProbes.hugeLength(strict.context())
        #expect(refused.status == .ok, "\(refused)")
        #expect(refused.observed?.contains("1009") == true)

        let unbounded = try PostureServer { $0.fault = .noSizeLimit }
        defer { unbounded.stop() }
        let awaited = HostileFrameProbes.hugeLength(unbounded.context())
        #expect(awaited.status == .warn, "\(awaited)")
        #expect(awaited.value == nil)
    }

    @Test func fragmentsAndPingsAnswered() throws {
        let server = try PostureServer()
        defer { server.stop() }
        let fragments = HostileFrameProbes.fragments(server.context())
        #expect(fragments.status == .ok && fragments.observed?.contains("echoed") == true, "\(fragments)")
        let pings = HostileFrameProbes.pingFlood(server.context())
        #expect(pings.value == 1000, "\(pings)")

        let silent = try PostureServer { $0.fault = .noPong }
        defer { silent.stop() }
        let unanswered = HostileFrameProbes.pingFlood(silent.context())
        #expect(unanswered.value == 0 && unanswered.status == .warn, "\(unanswered)")

        let small = try PostureServer { $0.maxMessageSize = 1000 }
        defer { small.stop() }
        let refused = HostileFrameProbes.fragments(small.context())
        #expect(refused.status == .ok && refused.observed?.contains("1009") == true, "\(refused)")
    }

    @Test func requestHeadLimitFoundOrMissing() throws {
        let limited = try PostureServer { $0.maxHandshakeSize = 8192 }
        defer { limited.stop() }
        let found = RequestHeadProbe.run(limited.context())
        #expect(Self.matches(found.value, 8192), "\(found)")
        #expect(found.status == .ok)
        #expect(found.observed?.contains("431") == true)

        let unlimited = try PostureServer { $0.maxHandshakeSize = 4 << 20 }
        defer { unlimited.stop() }
        let missing = RequestHeadProbe.run(unlimited.context())
        #expect(missing.status == .warn && missing.value == Double(RequestHeadProbe.ceiling), "\(missing)")
    }
}

/// The leak estimate of a launched target's connect/close cycles.
@Suite("Posture: connection cost arithmetic")
struct ConnectionCostTests {
    @Test("the slope is the growth per cycle: a steady leak is found whole, a collection's drop or a one-off spurt does not decide")
    func slope() {
        #expect(ConnectionCostProbe.slope([100, 200, 300, 400]) == 100)
        #expect(ConnectionCostProbe.slope([5, 5, 5, 5, 5]) == 0)
        // A garbage collector's sawtooth: growth, then a drop back.
        #expect(abs(ConnectionCostProbe.slope([100, 140, 180, 100, 140, 180, 100])) < 10)
        #expect(ConnectionCostProbe.slope([1]) == 0)
        #expect(ConnectionCostProbe.size(512) == "512 octets" && ConnectionCostProbe.size(65536) == "64 KiB")
        #expect(ConnectionCostProbe.size(3 << 20) == "3.0 MiB")
    }
}
