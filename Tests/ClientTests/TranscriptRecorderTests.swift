import Cases
import Testing

@testable import Client

/// A long case's transcript keeps its start and its end, and every note.
@Suite("Client: the transcript's bound")
struct TranscriptRecorderTests {
    @Test("past the limit the first entries and the latest stay, with a count of the rest and every note")
    func headAndTail() {
        var recorder = TranscriptRecorder(start: .now, limit: 8)
        for index in 0..<20 {
            recorder.add(index == 9 ? .note : .received, "entry \(index)")
        }
        let texts = recorder.finish().map(\.text)
        #expect(texts == (0..<6).map { "entry \($0)" } + ["entry 9", "11 entries not kept", "entry 18", "entry 19"])
        #expect(!recorder.hasRoom)
    }

    @Test("within the limit nothing is left out")
    func withinLimit() {
        var recorder = TranscriptRecorder(start: .now, limit: 8)
        for index in 0..<8 { recorder.add(.received, "entry \(index)") }
        #expect(recorder.finish().map(\.text) == (0..<8).map { "entry \($0)" })
        #expect(recorder.entries.count == 8)
    }
}
