import Cases
import Testing

@testable import Engine

/// Compressed echoes that copy what the tester sent are recognised without inflating.
@Suite("Engine: echoes recognised by their compressed octets")
struct EchoRecognitionTests {
    static let first = EchoRecognition.Sent(compressed: [1, 2, 3, 4], message: .text("one"))
    static let second = EchoRecognition.Sent(compressed: [5, 6, 7], message: .text("two"))

    @Test("an echo equal to what was sent, in any frames, is the message sent; the next is matched with the next")
    func recognised() {
        var recognition = EchoRecognition()
        recognition.record(Self.first.compressed, Self.first.message)
        recognition.record(Self.second.compressed, Self.second.message)
        recognition.begin()
        #expect(recognition.follow([1, 2]) == nil && recognition.follow([3, 4]) == nil)
        let end = recognition.end()
        #expect(end.message == Self.first.message && end.replay.isEmpty)
        recognition.begin()
        #expect(recognition.follow([5, 6, 7]) == nil)
        #expect(recognition.end().message == Self.second.message)
    }

    @Test("an echo that departs gives back the octets matched so far, to inflate, and is not recognised")
    func departs() {
        var recognition = EchoRecognition()
        recognition.record(Self.first.compressed, Self.first.message)
        recognition.begin()
        #expect(recognition.follow([1, 2]) == nil)
        #expect(recognition.follow([9]) == [1, 2, 9])
        #expect(recognition.follow([4]) == [4])
        #expect(recognition.end().message == nil)
        // A shorter echo: the prefix goes back to be inflated.
        var short = EchoRecognition()
        short.record(Self.first.compressed, Self.first.message)
        short.begin()
        #expect(short.follow([1, 2, 3]) == nil)
        let end = short.end()
        #expect(end.message == nil && end.replay == [1, 2, 3])
    }

    @Test("with nothing sent, octets are inflated as they come; the memory of sent messages is bounded")
    func bounded() {
        var recognition = EchoRecognition()
        recognition.begin()
        #expect(recognition.follow([1]) == [1])
        for index in 0..<1000 { recognition.record([UInt8(index & 0xFF)], .text("\(index)")) }
        recognition.begin()
        // The oldest remembered is 1000 - capacity.
        #expect(recognition.follow([UInt8((1000 - EchoRecognition.capacity) & 0xFF)]) == nil)
        #expect(recognition.end().message == .text("\(1000 - EchoRecognition.capacity)"))
    }
}
