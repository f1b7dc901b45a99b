import Wire

/// Random choices for mutators, written out rather than taken from the standard library's
/// `random(in:using:)`, so the same seed gives the same inputs whatever the toolchain version.
extension SplitMix64 {
    /// A value in 0..<count (0 when count ≤ 0).
    mutating func below(_ count: Int) -> Int {
        count <= 0 ? 0 : Int(next() % UInt64(count))
    }

    /// A value in `range`.
    mutating func within(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

    /// True with probability `percent` / 100.
    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of a non-empty array.
    mutating func pick<Element>(_ elements: [Element]) -> Element { elements[below(elements.count)] }

    /// A random octet.
    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next()) }

    /// A fresh masking key.
    mutating func maskingKey() -> MaskingKey { MaskingKey(UInt32(truncatingIfNeeded: next())) }
}

extension SessionScript {
    /// A random step index, or nil when there are no steps.
    func randomStep(using generator: inout SplitMix64) -> Int? {
        steps.isEmpty ? nil : generator.below(steps.count)
    }

    /// A random step that carries a frame, or nil.
    func randomFrameStep(using generator: inout SplitMix64, where accept: (ScriptFrame) -> Bool = { _ in true }) -> Int? {
        let candidates = steps.indices.filter { steps[$0].frame.map(accept) ?? false }
        return candidates.isEmpty ? nil : generator.pick(candidates)
    }

    /// Room for `count` more steps under the cap.
    func hasRoom(for count: Int = 1) -> Bool { steps.count + count <= ScriptLimits.maxSteps }

    /// Changes the frame of step `index` (no effect on raw steps).
    mutating func updateFrame(at index: Int, _ change: (inout ScriptFrame) -> Void) {
        guard var frame = steps[index].frame else { return }
        change(&frame)
        steps[index].frame = frame
    }

    /// Inserts a frame step at `index` (clamped), if there is room.
    mutating func insertFrame(_ frame: ScriptFrame, at index: Int) {
        guard hasRoom() else { return }
        steps.insert(.frame(frame), at: min(max(0, index), steps.count))
    }
}

extension ScriptFrame {
    /// A masked frame with a fresh key: what a conforming client sends.
    static func masked(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, using generator: inout SplitMix64) -> ScriptFrame {
        ScriptFrame(fin: fin, opcode: opcode.rawValue, maskingKey: generator.maskingKey(), payload: payload)
    }

    /// True for a text, binary or continuation frame.
    var isData: Bool { opcode < 8 && !wireOpcode.isReserved }
}

/// Octet values that tend to sit on boundaries: sign bits, UTF-8 lead and tail limits,
/// length markers 126/127, and the ends of the range.
let interestingBytes: [UInt8] = [
    0x00, 0x01, 0x7D, 0x7E, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF,
]
