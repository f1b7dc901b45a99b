import Wire

/// Mutations of message fragmentation, RFC 6455 §5.4: "a single frame with the FIN bit clear
/// and an opcode other than 0, followed by zero or more frames with the FIN bit clear and the
/// opcode set to 0, and terminated by a single frame with the FIN bit set and an opcode of 0";
/// control frames MAY be injected between fragments.
extension Mutator {
    public static let fragmentationFamily: [Mutator] = [
        Mutator("fragment-split", .fragmentation, "cuts one data frame in two fragments (valid when the frame was)") {
            script, _, generator in
            guard script.hasRoom(), let index = script.randomFrameStep(using: &generator, where: \.isData),
                let frame = script.steps[index].frame
            else { return }
            let cut = generator.below(frame.payload.count + 1)
            var head = frame
            head.fin = false
            head.payload = Array(frame.payload[..<cut])
            head.declaredLength = nil
            var tail = ScriptFrame.masked(.continuation, Array(frame.payload[cut...]), fin: frame.fin, using: &generator)
            tail.mask = frame.mask
            script.steps[index].frame = head
            script.steps.insert(ScriptStep(.frame(tail), chop: script.steps[index].chop), at: index + 1)
        },
        Mutator("fragment-merge", .fragmentation, "joins a fragment and the continuation after it into one frame") {
            script, _, generator in
            let pairs = script.steps.indices.dropLast().filter { index in
                guard let first = script.steps[index].frame, let next = script.steps[index + 1].frame else { return false }
                return first.isData && !first.fin && next.opcode == 0
            }
            guard !pairs.isEmpty else { return }
            let index = generator.pick(pairs)
            guard var first = script.steps[index].frame, let next = script.steps[index + 1].frame,
                first.payload.count + next.payload.count <= ScriptLimits.maxPayload
            else { return }
            first.payload += next.payload
            first.fin = next.fin
            first.declaredLength = nil
            script.steps[index].frame = first
            script.steps.remove(at: index + 1)
        },
        Mutator("fragment-interleave-control", .fragmentation, "puts a Ping or Pong between two fragments of a message (valid)") {
            script, _, generator in
            let inside = script.steps.indices.filter { index in
                guard let frame = script.steps[index].frame else { return false }
                return frame.isData && !frame.fin
            }
            let position = inside.isEmpty ? (script.boundariesBeforeClose().last ?? script.steps.count) : generator.pick(inside) + 1
            let payload = Array("ctl-\(generator.below(1000))".utf8)
            script.insertFrame(.masked(generator.chance(70) ? .ping : .pong, payload, using: &generator), at: position)
        },
        Mutator("fragment-orphan-continuation", .fragmentation, "sends a continuation frame with no message in progress (§5.4)") {
            script, _, generator in
            let places = script.boundariesBeforeClose()
            let place = places.isEmpty ? script.steps.count : generator.pick(places)
            script.insertFrame(.masked(.continuation, Array("orphan".utf8), fin: generator.chance(50), using: &generator), at: place)
        },
        Mutator("fragment-data-inside-message", .fragmentation, "starts a new text or binary message inside a fragmented one (§5.4)") {
            script, _, generator in
            let inside = script.steps.indices.filter { index in
                guard let frame = script.steps[index].frame else { return false }
                return frame.isData && !frame.fin
            }
            let opcode: Opcode = generator.chance(50) ? .text : .binary
            if inside.isEmpty {
                guard script.hasRoom(for: 2) else { return }
                let start = ScriptFrame.masked(.text, Array("first".utf8), fin: false, using: &generator)
                let place = script.boundariesBeforeClose().last ?? script.steps.count
                script.insertFrame(.masked(opcode, Array("second".utf8), using: &generator), at: place)
                script.insertFrame(start, at: place)
            } else {
                script.insertFrame(.masked(opcode, Array("inside".utf8), using: &generator), at: generator.pick(inside) + 1)
            }
        },
    ]
}
