import Wire

/// Placeholder until permessage-deflate lands.
public final class DeflateChannel: Sendable {
    public enum Failure: Error, Hashable, Sendable {
        case tooLarge
        case invalidData(String)
    }
    static func negotiate(_ offers: [String]) -> (DeflateChannel?, String?) { (nil, nil) }
    func decompress(_ payload: [UInt8], maxOutput: Int) -> Result<[UInt8], Failure> { .success(payload) }
    func compress(_ payload: [UInt8]) -> [UInt8] { payload }
}
