import Cases
/// Shrinks a script that shows a finding to a small one that still shows it, by delta
/// debugging in three passes: remove steps, simplify each remaining step (its controls, its
/// length field, the handshake), then remove payload octets. Each pass keeps a change only
/// when the predicate still holds.
///
/// The predicate is the expensive part (the engine replays the script against the server),
/// so every call is counted and the whole minimisation stops at `maxPredicateCalls`.
public struct Minimizer: Sendable {
    public var maxPredicateCalls: Int

    public init(maxPredicateCalls: Int = 2000) { self.maxPredicateCalls = maxPredicateCalls }

    /// The result: the smallest script found and the predicate calls it took.
    public struct Result: Sendable {
        public var script: SessionScript
        public var predicateCalls: Int
    }

    /// Each takes one quirk out of a frame header: masked, RSV bits clear.
    static let headerNormalisations: [@Sendable (inout ScriptFrame) -> Void] = [
        { $0.mask = true }, { $0.rsv1 = false }, { $0.rsv2 = false }, { $0.rsv3 = false },
    ]

    /// Minimises `script`, which must satisfy `reproduces`.
    public func minimize(_ script: SessionScript, reproduces: (SessionScript) -> Bool) -> Result {
        var search = DeltaDebugging(budget: maxPredicateCalls)
        var best = script
        func attempt(_ candidate: SessionScript) -> Bool {
            guard search.budget > 0, candidate != best else { return false }
            search.budget -= 1
            guard reproduces(candidate) else { return false }
            best = candidate
            return true
        }
        // 1. Steps.
        let steps = search.minimize(best.steps) { steps in
            var candidate = best
            candidate.steps = steps
            return reproduces(candidate)
        }
        best.steps = steps
        // 2. Simplify: the handshake, each step's controls, each frame's length field.
        if best.handshake != .standard { _ = attempt(best.with { $0.handshake = .standard }) }
        if case .explicit(let head) = best.handshake {
            let fields = search.minimize(head.fields) { fields in
                var smaller = head
                smaller.fields = fields
                return reproduces(best.with { $0.handshake = .explicit(smaller) })
            }
            var smaller = head
            smaller.fields = fields
            best.handshake = .explicit(smaller)
        }
        for index in best.steps.indices {
            _ = attempt(best.with { $0.steps[index].chop = nil })
            _ = attempt(best.with { $0.steps[index].delayMilliseconds = 0 })
            // Header quirks one at a time: a finding caused by one of them should not carry the
            // others (a hang on RSV3 in an unmasked frame would be named after the mask).
            for normalise in Self.headerNormalisations {
                guard var plain = best.steps[index].frame else { break }
                normalise(&plain)
                if plain != best.steps[index].frame { _ = attempt(best.with { $0.steps[index].frame = plain }) }
            }
            if let frame = best.steps[index].frame, frame.declaredLength != nil || frame.lengthEncoding != .minimal {
                var plain = frame
                plain.declaredLength = nil
                plain.lengthEncoding = .minimal
                _ = attempt(best.with { $0.steps[index].frame = plain })
            }
        }
        // 3. Payload octets.
        for index in best.steps.indices where search.budget > 0 {
            switch best.steps[index].action {
            case .frame(var frame), .startClose(var frame):
                let payload = search.minimize(frame.payload) { bytes in
                    var candidate = frame
                    candidate.payload = bytes
                    return reproduces(best.with { $0.steps[index].frame = candidate })
                }
                frame.payload = payload
                best.steps[index].frame = frame
            case .raw(let bytes):
                let kept = search.minimize(bytes) { bytes in reproduces(best.with { $0.steps[index].action = .raw(bytes) }) }
                best.steps[index].action = .raw(kept)
            }
        }
        return Result(script: best, predicateCalls: maxPredicateCalls - search.budget)
    }
}

extension SessionScript {
    /// A copy with `change` applied.
    func with(_ change: (inout SessionScript) -> Void) -> SessionScript {
        var copy = self
        change(&copy)
        return copy
    }
}
