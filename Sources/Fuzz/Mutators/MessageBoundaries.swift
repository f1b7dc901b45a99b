import Wire

/// Where whole messages begin, so mutators can add a message without landing inside a
/// fragmented one (RFC 6455 §5.4) unless that is what they mean to do.
extension SessionScript {
    /// Step indices (0...steps.count) before which no fragmented data message is in progress,
    /// judged from the frame steps as written (raw steps are taken as neutral).
    func messageBoundaries() -> [Int] {
        var boundaries: [Int] = []
        var inProgress = false
        for (index, step) in steps.enumerated() {
            if !inProgress { boundaries.append(index) }
            guard let frame = step.frame, frame.opcode < 8 else { continue }
            if frame.opcode == 0 {
                if frame.fin { inProgress = false }
            } else if frame.opcode <= 2 {
                inProgress = !frame.fin
            }
        }
        if !inProgress { boundaries.append(steps.count) }
        return boundaries
    }

    /// Message boundaries at or before the first start-close step, where an added frame is
    /// still read by the server (after a Close it reads nothing, RFC 6455 §5.5.1).
    func boundariesBeforeClose() -> [Int] {
        let closing = steps.firstIndex { if case .startClose = $0.action { return true } else { return false } } ?? steps.count
        return messageBoundaries().filter { $0 <= closing }
    }

    /// Indices of steps that hold a whole, unfragmented message of `opcode`.
    func wholeMessages(opcode: UInt8) -> [Int] {
        let boundaries = Set(messageBoundaries())
        return steps.indices.filter { index in
            guard let frame = steps[index].frame else { return false }
            return frame.opcode == opcode && frame.fin && boundaries.contains(index)
        }
    }

    /// Puts `frames` in as one message: in place of a whole message of `opcode` when there is
    /// one, otherwise at a message boundary before any start-close step.
    mutating func placeMessage(_ frames: [ScriptFrame], replacing opcode: UInt8, using generator: inout SplitMix64) {
        let candidates = wholeMessages(opcode: opcode)
        if !candidates.isEmpty {
            let index = generator.pick(candidates)
            guard hasRoom(for: frames.count - 1) else { return }
            steps.replaceSubrange(index...index, with: frames.map { ScriptStep.frame($0) })
            return
        }
        guard hasRoom(for: frames.count) else { return }
        let places = boundariesBeforeClose()
        let index = places.isEmpty ? steps.count : generator.pick(places)
        steps.insert(contentsOf: frames.map { ScriptStep.frame($0) }, at: index)
    }
}
