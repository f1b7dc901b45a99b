import Cases
import ReferenceServer
import Testing

@testable import Posture

/// The long observations against configured timers: the slow handshake given up, the idle
/// connection closed, the heartbeat's pings and the dead peer dropped, each within one probe
/// step of the setting, and reported as not seen (a warning) where the server has none.
@Suite struct TimerPostureTests {
    @Test func slowHandshakeTimedOutOrHeld() throws {
        let timed = try PostureServer { $0.handshakeTimeout = .seconds(2) }
        defer { timed.stop() }
        let given = SlowHandshakeProbe.run(timed.context())
        #expect((1.5...3.0).contains(given.value ?? 0), "\(given)")
        #expect(given.status == .ok)

        let patient = try PostureServer { $0.handshakeTimeout = .seconds(60) }
        defer { patient.stop() }
        let held = SlowHandshakeProbe.run(patient.context { $0.observationBound = .seconds(2) })
        #expect(held.status == .warn && held.value == nil, "\(held)")
    }

    @Test func idleTimeoutWithoutHeartbeat() throws {
        let server = try PostureServer { $0.idleTimeout = .seconds(2) }
        defer { server.stop() }
        let measurements = IdleProbes.run(server.context())
        let idle = measurements[id: "timeouts.idle-seconds"]
        #expect((1.5...3.0).contains(idle?.value ?? 0), "\(String(describing: idle))")
        #expect(measurements[id: "heartbeat.ping-interval-seconds"]?.value == nil)
        #expect(measurements[id: "heartbeat.dead-peer-seconds"]?.status == .notMeasured)
    }

    @Test func heartbeatPingsAndDropsADeadPeer() throws {
        let server = try PostureServer {
            $0.pingInterval = .seconds(1)
            $0.pongTimeout = .seconds(1)
            $0.idleTimeout = .seconds(60)
        }
        defer { server.stop() }
        let measurements = IdleProbes.run(server.context())
        let interval = measurements[id: "heartbeat.ping-interval-seconds"]
        let dead = measurements[id: "heartbeat.dead-peer-seconds"]
        let idle = measurements[id: "timeouts.idle-seconds"]
        #expect((0.8...1.5).contains(interval?.value ?? 0), "\(String(describing: interval))")
        #expect((1.8...3.0).contains(dead?.value ?? 0), "\(String(describing: dead))")
        #expect(dead?.observed?.contains("1011") == true)
        #expect(idle?.value == nil && idle?.status == .ok, "kept open by answered pings: \(String(describing: idle))")
    }

    @Test func noTimersAtAllWarn() throws {
        let server = try PostureServer { $0.idleTimeout = .seconds(60) }
        defer { server.stop() }
        let measurements = IdleProbes.run(server.context { $0.observationBound = .seconds(2) })
        #expect(measurements[id: "timeouts.idle-seconds"]?.status == .warn)
        #expect(measurements[id: "heartbeat.ping-interval-seconds"]?.status == .warn)
    }
}
