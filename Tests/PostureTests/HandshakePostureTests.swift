import Cases
import ReferenceServer
import Testing

@testable import Posture

/// The probes of the opening handshake, each against a server that passes it and one that
/// does not: Origin, credentials, the Server field, legacy versions.
@Suite struct HandshakePostureTests {
    static let app = "https://app.example"

    @Test func originCheckedAgainstTheAllowedList() throws {
        let server = try PostureServer { $0.allowedOrigins = [Self.app] }
        defer { server.stop() }
        let measurements = OriginProbes.run(server.context { $0.allowedOrigins = [Self.app] })
        for id in ["origin.allowed", "origin.foreign", "origin.null", "origin.lookalike", "origin.absent"] {
            #expect(measurements[id: id]?.status == .ok, "\(id): \(String(describing: measurements[id: id]))")
        }
        #expect(measurements[id: "origin.foreign"]?.value == 0)
        #expect(measurements[id: "origin.absent"]?.value == 1)
    }

    @Test func anyOriginServedFailsWithAnAllowedListAndWarnsWithout() throws {
        let server = try PostureServer()
        defer { server.stop() }
        let judged = OriginProbes.run(server.context { $0.allowedOrigins = [Self.app] })
        for id in ["origin.foreign", "origin.null", "origin.lookalike"] {
            #expect(judged[id: id]?.status == .fail, "\(id)")
            #expect(judged[id: id]?.value == 1, "\(id)")
        }
        let unjudged = OriginProbes.run(server.context())
        for id in ["origin.foreign", "origin.null", "origin.lookalike"] { #expect(unjudged[id: id]?.status == .warn, "\(id)") }
        #expect(unjudged[id: "origin.allowed"] == nil)
    }

    @Test func allowedOriginRefusedIsAFail() throws {
        let server = try PostureServer { $0.allowedOrigins = ["https://other.example"] }
        defer { server.stop() }
        #expect(OriginProbes.run(server.context { $0.allowedOrigins = [Self.app] })[id: "origin.allowed"]?.status == .fail)
    }

    @Test func credentialsRequiredOrNot() throws {
        let secured = try PostureServer { $0.requiredField = ("Authorization", "Bearer s3cret") }
        defer { secured.stop() }
        let withCredentials = secured.context(options: { $0.extraFields.add("Authorization", "Bearer s3cret") })
        let refused = HandshakeProbes.withoutCredentials(withCredentials)
        #expect(refused.status == .ok && refused.value == 0, "\(refused)")
        #expect(refused.observed?.contains("401") == true)
        #expect(refused.observed?.contains("s3cret") == false)

        let open = try PostureServer()
        defer { open.stop() }
        let accepted = HandshakeProbes.withoutCredentials(open.context(options: { $0.extraFields.add("Cookie", "session=abc") }))
        #expect(accepted.status == .fail && accepted.value == 1, "\(accepted)")
        #expect(HandshakeProbes.withoutCredentials(open.context()).status == .notMeasured)
    }

    @Test func serverFieldWithVersionWarns() throws {
        let plain = try PostureServer()
        defer { plain.stop() }
        #expect(HandshakeProbes.serverHeader(plain.context()).status == .ok)
        let versioned = try PostureServer { $0.serverName = "nginx/1.25.3\u{1B}[31m" }
        defer { versioned.stop() }
        let measurement = HandshakeProbes.serverHeader(versioned.context())
        #expect(measurement.status == .warn)
        #expect(measurement.observed?.unicodeScalars.contains { $0.value == 0x1B } == false, "an escape reached the report")
    }

    @Test func legacyVersionsRefusedOrNot() throws {
        let strict = try PostureServer()
        defer { strict.stop() }
        let refused = HandshakeProbes.legacyVersions(strict.context())
        #expect(refused.status == .ok && refused.value == 0, "\(refused)")

        let draft76 = try PostureServer { $0.fault = .acceptHixie76 }
        defer { draft76.stop() }
        #expect(HandshakeProbes.legacyVersions(draft76.context()).status == .fail)

        let anyVersion = try PostureServer { $0.fault = .acceptAnyVersion }
        defer { anyVersion.stop() }
        let version8 = HandshakeProbes.legacyVersions(anyVersion.context())
        #expect(version8.status == .warn && version8.value == 1, "\(version8)")
    }
}
