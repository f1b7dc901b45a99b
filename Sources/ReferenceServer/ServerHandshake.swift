import PerMessageDeflate
import Wire

/// The server side of the opening handshake, RFC 6455 §4.2: a pure step function.
public struct ServerHandshake: Sendable {
    /// What the octets so far call for.
    public enum Step: Sendable {
        /// The request head is not complete yet.
        case needMore
        /// Refuse: send `response` and close (400, 426, or 431 for an oversized head).
        case reject(response: [UInt8], reason: String)
        /// Accept: send `response`, then run `session` on `remainder` and what follows.
        case accept(response: [UInt8], session: EchoSession, remainder: [UInt8], extensions: String?)
    }

    public let configuration: ServerConfiguration
    private var parser: HTTPHeadParser

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
        parser = HTTPHeadParser(maxSize: configuration.maxHandshakeSize)
    }

    /// `drop-bad-handshake`: a refused request gets no response at all.
    private var dropsRefusals: Bool { configuration.fault == .dropBadHandshake }

    public mutating func receive(_ bytes: [UInt8]) -> Step {
        switch parser.feed(bytes) {
        case .needMore:
            return .needMore
        case .tooLarge(let limit):
            let response = HandshakeResponse(
                status: 431, reason: "Request Header Fields Too Large", body: "request head over \(limit) bytes\n")
            return .reject(response: dropsRefusals ? [] : response.serialized(), reason: "request head over \(limit) bytes")
        case .malformed(let text):
            let response = HandshakeResponse(status: 400, reason: "Bad Request", body: text + "\n")
            return .reject(response: dropsRefusals ? [] : response.serialized(), reason: text)
        case .complete(let received, let remainder):
            let fault = configuration.fault
            if let answer = fault?.hixie76Answer(received) { return .reject(response: answer, reason: "answered as draft-76") }
            if let why = fault?.refusesValid(received) {
                return .reject(response: HandshakeResponse(status: 400, reason: "Bad Request", body: why + "\n").serialized(), reason: why)
            }
            let head = fault?.overlooking(received) ?? received
            if let refusal = policyRefusal(head) { return refusal }
            switch HandshakeCheck.checkRequest(head) {
            case .failure(var rejection):
                if fault == .refuseVersionWithoutField { rejection.response.fields.remove("Sec-WebSocket-Version") }
                let response = fault == .dropBadHandshake ? [] : rejection.response.serialized()
                return .reject(response: response, reason: rejection.problem.description)
            case .success(let opening):
                let agreed = configuration.permessageDeflate ? DeflateAgreement.answer(opening.extensionValues, fault: fault) : nil
                let channel = agreed.map { fault?.compressingChannel(for: $0.channel) ?? $0.channel }
                // A server that skips the key check answers for the key it was sent, if any.
                let key = fault == .skipKeyCheck ? received.fields.values("Sec-WebSocket-Key").first ?? "" : opening.key
                let subprotocol = fault == .answerUnofferedSubprotocol && !opening.subprotocols.isEmpty ? Fault.unofferedSubprotocol : nil
                let response =
                    fault?.switchingProtocols(
                        key: key, subprotocol: subprotocol, extensions: agreed?.response, server: configuration.serverName,
                        offered: opening.extensionValues.flatMap { $0.split(separator: ",").map(String.init) })
                    ?? HandshakeResponse.switchingProtocols(
                        key: key, subprotocol: subprotocol, extensions: agreed?.response, server: configuration.serverName)
                return .accept(
                    response: response.serialized(), session: EchoSession(configuration: configuration, deflate: channel),
                    remainder: remainder, extensions: agreed?.response)
            }
        }
    }
}

extension ServerHandshake {
    /// The server's own rules before the RFC's: the Origin allowed list (403, RFC 6455 §4.2.2
    /// item 4 lets a server refuse an Origin it does not accept) and a required credential (401).
    func policyRefusal(_ head: HTTPHead) -> Step? {
        if let allowed = configuration.allowedOrigins, let origin = head.fields.values("Origin").first,
            !allowed.contains(where: { $0.lowercased() == origin.lowercased() })
        {
            let response = HandshakeResponse(status: 403, reason: "Forbidden", body: "origin not allowed\n")
            return .reject(response: response.serialized(), reason: "origin \(origin) not allowed")
        }
        if let required = configuration.requiredField, !head.fields.values(required.name).contains(required.value) {
            let response = HandshakeResponse(status: 401, reason: "Unauthorized", body: "credentials required\n")
            return .reject(response: response.serialized(), reason: "no \(required.name)")
        }
        return nil
    }
}

extension Fault {
    /// The channel a fault of the server's compressor runs instead of the agreed one: the
    /// response still states the agreement, the compressor breaks it (RFC 7692 §7.1.1.1,
    /// §7.1.2.1). Nil for every other fault.
    func compressingChannel(for agreed: DeflateChannel) -> DeflateChannel? {
        var parameters = agreed.parameters
        switch self {
        case .ignoreServerNoContextTakeover: parameters.serverNoContextTakeover = false
        case .exceedServerWindow: parameters.serverMaxWindowBits = nil
        default: return nil
        }
        return try? DeflateChannel(agreed: parameters, role: .server)
    }
}
