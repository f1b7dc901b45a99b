/// The `Sec-WebSocket-Key` / `Sec-WebSocket-Accept` computation of RFC 6455 §4.2.2 step 5.4:
/// base64( SHA-1( key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11" ) ).
public enum AcceptKey {
    /// The GUID every endpoint appends to the key, RFC 6455 §1.3.
    public static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    /// The `Sec-WebSocket-Accept` value a server must send for `key`, RFC 6455 §4.2.2.
    public static func accept(forKey key: String) -> String { Base64.encode(SHA1.digest(Array((key + guid).utf8))) }

    /// A fresh `Sec-WebSocket-Key`: 16 random octets, base64-encoded (RFC 6455 §4.1 item 7).
    public static func randomKey<G: RandomNumberGenerator>(using generator: inout G) -> String {
        Base64.encode((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// A fresh key from the system generator.
    public static func randomKey() -> String {
        var generator = SystemRandomNumberGenerator()
        return randomKey(using: &generator)
    }

    /// True when `key` is base64 that decodes to exactly 16 octets, RFC 6455 §4.2.1 item 5.
    public static func isWellFormed(key: String) -> Bool {
        guard key.utf8.count == 24, let octets = Base64.decode(key) else { return false }
        return octets.count == 16
    }
}
