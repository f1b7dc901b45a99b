/// Every mutator, from one place of registration: each family file exposes one array and this
/// concatenates them in a fixed order (the order is part of what a seed means).
public enum MutatorRegistry {
    public static let all: [Mutator] =
        Mutator.headerFamily + Mutator.lengthFamily + Mutator.payloadFamily + Mutator.utf8Family + Mutator.fragmentationFamily
        + Mutator.closeFamily + Mutator.handshakeFamily + Mutator.timingFamily + Mutator.havocFamily + Mutator.structureFamily
        + Mutator.deflateFamily

    /// Every mutator but the permessage-deflate family (`wsconform fuzz --no-deflate`).
    public static let withoutDeflate: [Mutator] = all.filter { $0.family != .deflate }

    /// The mutator called `name`, or nil.
    public static func named(_ name: String) -> Mutator? { all.first { $0.name == name } }

    /// The mutators of the given families, in registry order.
    public static func families(_ families: Set<MutatorFamily>) -> [Mutator] { all.filter { families.contains($0.family) } }
}
