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

    public mutating func receive(_ bytes: [UInt8]) -> Step {
        switch parser.feed(bytes) {
        case .needMore:
            return .needMore
        case .tooLarge(let limit):
            let response = HandshakeResponse(
                status: 431, reason: "Request Header Fields Too Large", body: "request head over \(limit) bytes\n")
            return .reject(response: response.serialized(), reason: "request head over \(limit) bytes")
        case .malformed(let text):
            return .reject(response: HandshakeResponse(status: 400, reason: "Bad Request", body: text + "\n").serialized(), reason: text)
        case .complete(var head, let remainder):
            if configuration.fault == .acceptAnyVersion, head.fields["Sec-WebSocket-Version"] != nil {
                head.fields.set("Sec-WebSocket-Version", "13")
            }
            switch HandshakeCheck.checkRequest(head) {
            case .failure(var rejection):
                if configuration.fault == .refuseVersionWithoutField { rejection.response.fields.remove("Sec-WebSocket-Version") }
                return .reject(response: rejection.response.serialized(), reason: rejection.problem.description)
            case .success(let opening):
                let agreed =
                    configuration.permessageDeflate ? DeflateAgreement.answer(opening.extensionValues, fault: configuration.fault) : nil
                let channel = agreed.map { configuration.fault?.compressingChannel(for: $0.channel) ?? $0.channel }
                let response = HandshakeResponse.switchingProtocols(
                    key: opening.key, extensions: agreed?.response, server: configuration.serverName)
                return .accept(
                    response: response.serialized(), session: EchoSession(configuration: configuration, deflate: channel),
                    remainder: remainder, extensions: agreed?.response)
            }
        }
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
