import Cases
import Wire

/// A named, structure-aware mutation of the frames a session sends. Mutators are values, so
/// a campaign's report can say which ones ran and which found what; every random choice comes
/// from the generator passed in, so a seed fixes the output.
public struct Mutator: Sendable, CustomStringConvertible {
    /// A stable name, e.g. "flip-fin", used in reports and findings.
    public let name: String
    private let body: @Sendable (inout [FrameSpec], inout SplitMix64) -> Void

    public init(name: String, _ body: @escaping @Sendable (inout [FrameSpec], inout SplitMix64) -> Void) {
        self.name = name
        self.body = body
    }

    /// Applies the mutation to `frames`.
    public func apply(to frames: inout [FrameSpec], using generator: inout SplitMix64) { body(&frames, &generator) }

    public var description: String { name }

    /// Flips the FIN bit of one frame (fragmentation rules, RFC 6455 §5.4).
    public static let flipFin = Mutator(name: "flip-fin") { frames, generator in
        guard !frames.isEmpty else { return }
        let index = Int.random(in: 0..<frames.count, using: &generator)
        frames[index].fin.toggle()
    }
}
