/// Mutations of how octets reach the wire. A server must decode the same frames however the
/// stream is cut (RFC 6455 §5.2 frames a byte stream); pauses are kept small so a campaign
/// stays fast.
extension Mutator {
    /// Chop sizes tried, one octet the most often.
    static let chopSizes = [1, 1, 1, 2, 3, 5, 7, 13, 64]
    /// The longest pause a mutator adds, in milliseconds.
    public static let maxMutationDelay = 20

    public static let timingFamily: [Mutator] = [
        Mutator("chop", .timing, "writes one step in pieces of 1–64 octets") { script, _, generator in
            guard let index = script.randomStep(using: &generator) else { return }
            script.steps[index].chop = generator.pick(chopSizes)
        },
        Mutator("unchop", .timing, "writes one step in a single write") { script, _, generator in
            guard let index = script.randomStep(using: &generator) else { return }
            script.steps[index].chop = nil
        },
        Mutator("delay", .timing, "pauses 0–20 ms before one step") { script, _, generator in
            guard let index = script.randomStep(using: &generator) else { return }
            script.steps[index].delayMilliseconds = generator.within(0...maxMutationDelay)
        },
    ]
}
