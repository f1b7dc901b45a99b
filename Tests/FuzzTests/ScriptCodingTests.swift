import Cases
import Foundation
import Testing
import Wire

@testable import Fuzz

@Suite("Fuzz: script files")
struct ScriptCodingTests {
    static let sample = TestScripts.script(
        [
            ScriptStep(.frame(TestScripts.frame(1, Array("Hello".utf8))), chop: 1, delayMilliseconds: 5),
            ScriptStep(.raw([0x81, 0x85, 0xAB])),
            ScriptStep(
                .frame(
                    ScriptFrame(
                        fin: false, rsv3: true, opcode: 0xB, mask: false, maskingKey: .zero, payload: [0xFF], declaredLength: 1 << 63 | 5,
                        lengthEncoding: .sixtyFourBit))),
            ScriptStep(.startClose(TestScripts.frame(8, [0x03, 0xE8]))),
        ], handshake: .standard(overrides: [HeaderOverride(name: "Origin", value: "http://x"), HeaderOverride(name: "Host", value: nil)]))

    @Test("a script survives a JSON round trip, and the file is the same octets again")
    func roundTrip() throws {
        let data = Self.sample.jsonData()
        let back = try SessionScript.decode(json: data)
        #expect(back == Self.sample)
        #expect(back.jsonData() == data)
    }

    @Test("an explicit handshake survives a JSON round trip")
    func explicitHandshake() throws {
        var script = Self.sample
        script.handshake = .explicit(
            RequestHead(method: "POST", version: "HTTP/1.0", fields: [HeaderField(name: "hOsT", value: "{host}")], lineEnding: "\n"))
        #expect(try SessionScript.decode(json: script.jsonData()) == script)
    }

    @Test("byte fields are lowercase hex, keys are sorted, controls appear only when set")
    func readableForm() throws {
        let text = String(decoding: Self.sample.jsonData(), as: UTF8.self)
        #expect(text.contains(#""payload" : "48656c6c6f""#))
        #expect(text.contains(#""maskingKey" : "37fa213d""#))
        #expect(text.contains(#""raw" : "8185ab""#))
        #expect(text.contains(#""declaredLength" : 9223372036854775813"#))
        #expect(text.contains(#""lengthEncoding" : "64-bit""#))
        #expect(text.contains(#""chop" : 1"#))
        let keys = ["\"handshake\"", "\"schemaVersion\"", "\"steps\""].map { text.range(of: $0)!.lowerBound }
        #expect(keys == keys.sorted())
        #expect(text.components(separatedBy: "\"delayMs\"").count == 2)
    }

    @Test("a compressed message keeps its octets and what it was compressed from through a file, and the offer in the head")
    func compressedMessage() throws {
        let seed = InputSource.builtInDeflateSeed
        let data = seed.jsonData()
        let back = try SessionScript.decode(json: data)
        #expect(back == seed)
        #expect(back.wire(host: "example.com").bytes == seed.wire(host: "example.com").bytes)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains(#""compressedFrom" : "48656c6c6f"#))
        #expect(text.contains(#""value" : "permessage-deflate""#))
        // A frame without one writes no key at all.
        #expect(!String(decoding: Self.sample.jsonData(), as: UTF8.self).contains("compressedFrom"))
    }

    @Test("hex decoding accepts either case and refuses odd lengths and non-digits")
    func hex() {
        #expect(Hex.decode("00fFaB") == [0x00, 0xFF, 0xAB])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.encode([0x0A, 0xB0]) == "0ab0")
    }

    /// Hostile files: each breaks one cap and must be refused with its path named.
    static let hostile: [(name: String, edit: @Sendable (inout [String: Any]) -> Void, path: String)] = [
        ("schema version 2", { $0["schemaVersion"] = 2 }, "schemaVersion"),
        ("opcode 16", { $0.setFrame(0, "opcode", 16) }, "steps[0].frame.opcode"),
        ("3-octet key", { $0.setFrame(0, "maskingKey", "010203") }, "steps[0].frame.maskingKey"),
        ("odd hex", { $0.setFrame(0, "payload", "abc") }, "steps[0].frame.payload"),
        ("unknown length form", { $0.setFrame(0, "lengthEncoding", "32-bit") }, "steps[0].frame.lengthEncoding"),
        ("chop 0", { $0.setStep(0, "chop", 0) }, "steps[0].chop"),
        ("delay of a minute", { $0.setStep(0, "delayMs", 60_000) }, "steps[0].delayMs"),
        ("two kinds in a step", { $0.setStep(1, "frame", ($0["steps"] as! [[String: Any]])[0]["frame"]!) }, "steps[1]"),
        ("note too long", { $0["note"] = String(repeating: "n", count: ScriptLimits.maxNote + 1) }, "note"),
        (
            "compressed-from over its cap",
            { $0.setFrame(0, "compressedFrom", String(repeating: "61", count: ScriptLimits.maxCompressedFrom + 1)) },
            "steps[0].frame.compressedFrom"
        ),
        ("too many steps", { $0["steps"] = Array(repeating: ["raw": "00"], count: ScriptLimits.maxSteps + 1) }, "steps"),
        (
            "too many header fields",
            { $0["handshake"] = ["standard": Array(repeating: ["name": "X", "value": "y"], count: ScriptLimits.maxHeaderFields + 1)] },
            "handshake.standard"
        ),
    ]

    @Test("hostile files are refused with the offending path", arguments: hostile.indices)
    func hostileFile(index: Int) throws {
        let (name, edit, path) = Self.hostile[index]
        var object = try JSONSerialization.jsonObject(with: Self.sample.jsonData()) as! [String: Any]
        edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        #expect(throws: ScriptFormatError.self, "\(name)") { try SessionScript.decode(json: data) }
        do {
            _ = try SessionScript.decode(json: data)
        } catch {
            #expect(error.path == path, "\(name): \(error)")
        }
    }

    @Test("a payload over 16 MiB is refused before it is decoded")
    func oversizedPayload() throws {
        var object = try JSONSerialization.jsonObject(with: Self.sample.jsonData()) as! [String: Any]
        object.setFrame(0, "payload", String(repeating: "00", count: ScriptLimits.maxPayload + 1))
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            _ = try SessionScript.decode(json: data)
            Issue.record("an oversized payload was accepted")
        } catch {
            #expect(error.path == "steps[0].frame.payload")
            #expect(error.problem.contains("over the cap"))
        }
    }
}

extension Dictionary where Key == String, Value == Any {
    mutating func setStep(_ index: Int, _ key: String, _ value: Any) {
        var steps = self["steps"] as! [[String: Any]]
        steps[index][key] = value
        self["steps"] = steps
    }

    mutating func setFrame(_ index: Int, _ key: String, _ value: Any) {
        var steps = self["steps"] as! [[String: Any]]
        var frame = steps[index]["frame"] as! [String: Any]
        frame[key] = value
        steps[index]["frame"] = frame
        self["steps"] = steps
    }
}
