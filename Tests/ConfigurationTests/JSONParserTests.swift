import Testing

@testable import Configuration

/// The config reader's JSON parser: RFC 8259, member order kept, types kept apart, errors located.
@Suite("JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("object members keep document order")
    func order() throws {
        guard case .object(let members) = try parse(#"{"z": 1, "a": 2, "m": 3}"#) else {
            Issue.record("not an object")
            return
        }
        #expect(members.map(\.key) == ["z", "a", "m"])
    }

    @Test("booleans, integers, fractions, null and strings stay distinct")
    func types() throws {
        #expect(
            try parse("[true, 1, 1.5e2, -0, null, \"1\"]")
                == .array([.bool(true), .number("1"), .number("1.5e2"), .number("-0"), .null, .string("1")]))
    }

    @Test("escapes decode, surrogate pairs included")
    func escapes() throws {
        #expect(try parse(#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#) == .string("a\"\\/\u{8}\u{C}\n\r\té😀"))
        #expect(try parse("\u{FEFF}\"bom\"") == .string("bom"))
        #expect(try parse("\"Ünïcode\"") == .string("Ünïcode"))
    }

    @Test(
        "malformed text is refused with its line and column",
        arguments: [
            ("{\n  \"a\": 1,\n}", "invalid JSON at line 3, column 1: expected a member name in double quotes"),
            ("[1 2]", "invalid JSON at line 1, column 4: expected ',' or ']' after an array element"),
            ("{'a': 1}", "invalid JSON at line 1, column 2: expected a member name in double quotes"),
            ("[01]", "invalid JSON at line 1, column 3: expected ',' or ']' after an array element"),
            ("[1.]", "invalid JSON at line 1, column 4: expected a digit after '.'"),
            ("tru", "invalid JSON at line 1, column 1: unknown word (strings need double quotes)"),
            ("\"a\nb\"", "invalid JSON at line 1, column 3: control character in a string (write it as an escape)"),
            (#""\ud800x""#, "invalid JSON at line 1, column 8: unpaired surrogate escape"),
            (#""\q""#, "invalid JSON at line 1, column 4: unknown escape"),
            ("\"open", "invalid JSON at line 1, column 6: unterminated string"),
            ("{} {}", "invalid JSON at line 1, column 4: unexpected text after the JSON value"),
            ("", "invalid JSON at line 1, column 1: unexpected end of file"),
            ("// c\n{}", "invalid JSON at line 1, column 1: expected a value"),
        ])
    func malformed(text: String, message: String) {
        #expect(throws: (any Error).self) { try parse(text) }
        do {
            _ = try parse(text)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test("invalid UTF-8 and deep nesting are refused, not crashed on")
    func hostile() {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse([0x22, 0xFF, 0x22]) }
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONSyntaxError.self) { try parse(deep) }
    }
}
