import Wire

/// Mutations of whole steps: the sequence of messages, not their contents.
extension Mutator {
    public static let structureFamily: [Mutator] = [
        Mutator("step-delete", .structure, "removes one step") { script, _, generator in
            guard let index = script.randomStep(using: &generator) else { return }
            script.steps.remove(at: index)
        },
        Mutator("step-duplicate", .structure, "sends one step twice") { script, _, generator in
            guard script.hasRoom(), let index = script.randomStep(using: &generator) else { return }
            script.steps.insert(script.steps[index], at: index)
        },
        Mutator("step-swap", .structure, "swaps two steps") { script, _, generator in
            guard script.steps.count >= 2 else { return }
            script.steps.swapAt(generator.below(script.steps.count), generator.below(script.steps.count))
        },
        Mutator("insert-message", .structure, "adds a valid text, binary, Ping or Pong frame at a message boundary") {
            script, _, generator in
            let choice = generator.below(4)
            let opcode: Opcode = [.text, .binary, .ping, .pong][choice]
            let payload = choice == 1 ? (0..<generator.below(32)).map { _ in generator.byte() } : Array("msg-\(generator.below(1000))".utf8)
            let places = script.boundariesBeforeClose()
            script.insertFrame(
                .masked(opcode, payload, using: &generator), at: places.isEmpty ? script.steps.count : generator.pick(places))
        },
        Mutator("splice-donor-steps", .structure, "inserts a run of steps taken from a donor script") { script, donor, generator in
            let source = donor ?? script
            guard let start = source.randomStep(using: &generator) else { return }
            let run = Array(source.steps[start..<min(source.steps.count, start + generator.within(1...4))])
            guard script.hasRoom(for: run.count) else { return }
            script.steps.insert(contentsOf: run, at: generator.below(script.steps.count + 1))
        },
    ]
}
