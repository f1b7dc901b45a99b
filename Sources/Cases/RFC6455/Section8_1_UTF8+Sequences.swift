/// Valid and invalid UTF-8 sequences, one text frame each (Autobahn 6.5–6.23, built on
/// Markus Kuhn's UTF-8 decoder stress test), judged by RFC 3629 as RFC 6455 §8.1 requires.
///
/// Valid text must come back unchanged (RFC 6455 §5.6); invalid text must fail the connection
/// with 1007 within Autobahn's 0.5 s (RFC 6455 §8.1, §7.4.1). Noncharacters (U+FFFE, U+FFFF and
/// their copies in every plane) and specials are valid UTF-8: an endpoint must not reject them.
extension Section8_1_UTF8 {
    /// One sequence: its Autobahn id, our id, the octets, and whether they are valid UTF-8.
    struct Sample: Sendable {
        let autobahn: String
        let id: String
        let octets: [UInt8]
        let valid: Bool
        var file: String = #filePath
        var line: Int = #line

        /// Valid UTF-8: echoed.
        static func echo(_ autobahn: String, _ id: String, _ hex: String, file: String = #filePath, line: Int = #line) -> Sample {
            Sample(autobahn: autobahn, id: id, octets: Payload.hex(hex).materialize(), valid: true, file: file, line: line)
        }

        /// Invalid UTF-8: the connection fails.
        static func fail(_ autobahn: String, _ id: String, _ hex: String, file: String = #filePath, line: Int = #line) -> Sample {
            Sample(autobahn: autobahn, id: id, octets: Payload.hex(hex).materialize(), valid: false, file: file, line: line)
        }
    }

    /// Autobahn 6.6: every prefix of 'κόσμε'; those ending between code points are valid.
    static let kosmePrefixes: [Sample] = (1...kosme.count).map { length in
        let valid = [2, 5, 7, 9, 11].contains(length)
        return Sample(
            autobahn: "6.6.\(length)", id: "utf8.\(valid ? "valid" : "invalid").kosme-prefix-\(length)",
            octets: Array(kosme.prefix(length)), valid: valid)
    }

    /// Autobahn 6.22: the two noncharacters at the end of each plane, U+FFFE to U+10FFFF.
    static let noncharacters: [Sample] = (0...16).flatMap { plane in
        [0xFFFE, 0xFFFF].map { low in
            let scalar = Unicode.Scalar(plane << 16 | low)!
            let index = plane * 2 + (low == 0xFFFE ? 1 : 2)
            return Sample(
                autobahn: "6.22.\(index)", id: "utf8.valid.noncharacter-u\(String(scalar.value, radix: 16))",
                octets: Array(String(scalar).utf8), valid: true)
        }
    }

    /// Autobahn 6.23: the specials U+FFF9 to U+FFFF (U+FFFD is the replacement character).
    static let specials: [Sample] = (0xFFF9...0xFFFF).enumerated().map { index, value in
        Sample(
            autobahn: "6.23.\(index + 1)", id: "utf8.valid.special-u\(String(value, radix: 16))",
            octets: Array(String(Unicode.Scalar(UInt32(value))!).utf8), valid: true)
    }

    /// The sequences by kind, in Autobahn's order.
    static let samples: [(kind: String, samples: [Sample])] = [
        (
            "sample text",
            [
                .echo("6.5.1", "utf8.valid.hello-world-1-byte", "68656c6c6f24776f726c64"),
                .echo("6.5.2", "utf8.valid.hello-world-2-byte", "68656c6c6fc2a2776f726c64"),
                .echo("6.5.3", "utf8.valid.hello-world-3-byte", "68656c6c6fe282ac776f726c64"),
                .echo("6.5.4", "utf8.valid.hello-world-4-byte", "68656c6c6ff0a4ada2776f726c64"),
                .echo("6.5.5", "utf8.valid.kosme", "cebae1bdb9cf83cebcceb5"),
            ]
        ),
        ("prefix of 'κόσμε'", kosmePrefixes),
        (
            "first code point of each length",
            [
                .echo("6.7.1", "utf8.valid.first-1-byte-u0000", "00"),
                .echo("6.7.2", "utf8.valid.first-2-byte-u0080", "c280"),
                .echo("6.7.3", "utf8.valid.first-3-byte-u0800", "e0a080"),
                .echo("6.7.4", "utf8.valid.first-4-byte-u10000", "f0908080"),
            ]
        ),
        (
            "first 5- or 6-byte form (beyond Unicode)",
            [
                .fail("6.8.1", "utf8.invalid.first-5-byte-u200000", "f888808080"),
                .fail("6.8.2", "utf8.invalid.first-6-byte-u4000000", "fc8480808080"),
            ]
        ),
        (
            "last code point of each length",
            [
                .echo("6.9.1", "utf8.valid.last-1-byte-u007f", "7f"),
                .echo("6.9.2", "utf8.valid.last-2-byte-u07ff", "dfbf"),
                .echo("6.9.3", "utf8.valid.last-3-byte-uffff", "efbfbf"),
                .echo("6.9.4", "utf8.valid.last-4-byte-u10ffff", "f48fbfbf"),
            ]
        ),
        (
            "last 4-, 5- or 6-byte form (beyond U+10FFFF)",
            [
                .fail("6.10.1", "utf8.invalid.last-4-byte-u1fffff", "f7bfbfbf"),
                .fail("6.10.2", "utf8.invalid.last-5-byte-u3ffffff", "fbbfbfbfbf"),
                .fail("6.10.3", "utf8.invalid.last-6-byte-u7fffffff", "fdbfbfbfbfbf"),
            ]
        ),
        (
            "boundary around the surrogates and U+10FFFF",
            [
                .echo("6.11.1", "utf8.valid.boundary-ud7ff", "ed9fbf"),
                .echo("6.11.2", "utf8.valid.boundary-ue000", "ee8080"),
                .echo("6.11.3", "utf8.valid.boundary-ufffd", "efbfbd"),
                .echo("6.11.4", "utf8.valid.boundary-u10ffff", "f48fbfbf"),
                .fail("6.11.5", "utf8.invalid.boundary-u110000", "f4908080"),
            ]
        ),
        (
            "continuation octets without a lead octet",
            [
                .fail("6.12.1", "utf8.invalid.continuation-80", "80"),
                .fail("6.12.2", "utf8.invalid.continuation-bf", "bf"),
                .fail("6.12.3", "utf8.invalid.continuations-2", "80bf"),
                .fail("6.12.4", "utf8.invalid.continuations-3", "80bf80"),
                .fail("6.12.5", "utf8.invalid.continuations-4", "80bf80bf"),
                .fail("6.12.6", "utf8.invalid.continuations-5", "80bf80bf80"),
                .fail("6.12.7", "utf8.invalid.continuations-6", "80bf80bf80bf"),
                .fail(
                    "6.12.8", "utf8.invalid.continuations-all",
                    "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"
                        + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbe"),
            ]
        ),
        (
            "lead octets each followed by a space",
            [
                .fail(
                    "6.13.1", "utf8.invalid.lonely-start-2-byte",
                    "c020c120c220c320c420c520c620c720c820c920ca20cb20cc20cd20ce20cf20"
                        + "d020d120d220d320d420d520d620d720d820d920da20db20dc20dd20de20"),
                .fail("6.13.2", "utf8.invalid.lonely-start-3-byte", "e020e120e220e320e420e520e620e720e820e920ea20eb20ec20ed20ee20"),
                .fail("6.13.3", "utf8.invalid.lonely-start-4-byte", "f020f120f220f320f420f520f620"),
                .fail("6.13.4", "utf8.invalid.lonely-start-5-byte", "f820f920fa20"),
                .fail("6.13.5", "utf8.invalid.lonely-start-6-byte", "fc20"),
            ]
        ),
        (
            "sequence missing its last octet",
            [
                .fail("6.14.1", "utf8.invalid.truncated-2-byte-u0000", "c0"),
                .fail("6.14.2", "utf8.invalid.truncated-3-byte-u0000", "e080"),
                .fail("6.14.3", "utf8.invalid.truncated-4-byte-u0000", "f08080"),
                .fail("6.14.4", "utf8.invalid.truncated-5-byte-u0000", "f8808080"),
                .fail("6.14.5", "utf8.invalid.truncated-6-byte-u0000", "fc80808080"),
                .fail("6.14.6", "utf8.invalid.truncated-2-byte-u07ff", "df"),
                .fail("6.14.7", "utf8.invalid.truncated-3-byte-uffff", "efbf"),
                .fail("6.14.8", "utf8.invalid.truncated-4-byte-u1fffff", "f7bfbf"),
                .fail("6.14.9", "utf8.invalid.truncated-5-byte-u3ffffff", "fbbfbfbf"),
                .fail("6.14.10", "utf8.invalid.truncated-6-byte-u7fffffff", "fdbfbfbfbf"),
            ]
        ),
        (
            "the truncated sequences back to back",
            [.fail("6.15.1", "utf8.invalid.truncated-concatenation", "c0e080f08080f8808080fc80808080dfefbff7bfbffbbfbfbffdbfbfbfbf")]
        ),
        (
            "octets that never occur in UTF-8",
            [
                .fail("6.16.1", "utf8.invalid.impossible-fe", "fe"),
                .fail("6.16.2", "utf8.invalid.impossible-ff", "ff"),
                .fail("6.16.3", "utf8.invalid.impossible-fefeffff", "fefeffff"),
            ]
        ),
        (
            "overlong '/'",
            [
                .fail("6.17.1", "utf8.invalid.overlong-slash-2-byte", "c0af"),
                .fail("6.17.2", "utf8.invalid.overlong-slash-3-byte", "e080af"),
                .fail("6.17.3", "utf8.invalid.overlong-slash-4-byte", "f08080af"),
                .fail("6.17.4", "utf8.invalid.overlong-slash-5-byte", "f8808080af"),
                .fail("6.17.5", "utf8.invalid.overlong-slash-6-byte", "fc80808080af"),
            ]
        ),
        (
            "largest overlong form of each length",
            [
                .fail("6.18.1", "utf8.invalid.overlong-max-2-byte", "c1bf"),
                .fail("6.18.2", "utf8.invalid.overlong-max-3-byte", "e09fbf"),
                .fail("6.18.3", "utf8.invalid.overlong-max-4-byte", "f08fbfbf"),
                .fail("6.18.4", "utf8.invalid.overlong-max-5-byte", "f887bfbfbf"),
                .fail("6.18.5", "utf8.invalid.overlong-max-6-byte", "fc83bfbfbfbf"),
            ]
        ),
        (
            "overlong NUL",
            [
                .fail("6.19.1", "utf8.invalid.overlong-nul-2-byte", "c080"),
                .fail("6.19.2", "utf8.invalid.overlong-nul-3-byte", "e08080"),
                .fail("6.19.3", "utf8.invalid.overlong-nul-4-byte", "f0808080"),
                .fail("6.19.4", "utf8.invalid.overlong-nul-5-byte", "f880808080"),
                .fail("6.19.5", "utf8.invalid.overlong-nul-6-byte", "fc8080808080"),
            ]
        ),
        (
            "lone UTF-16 surrogate",
            [
                .fail("6.20.1", "utf8.invalid.surrogate-ud800", "eda080"),
                .fail("6.20.2", "utf8.invalid.surrogate-udb7f", "edadbf"),
                .fail("6.20.3", "utf8.invalid.surrogate-udb80", "edae80"),
                .fail("6.20.4", "utf8.invalid.surrogate-udbff", "edafbf"),
                .fail("6.20.5", "utf8.invalid.surrogate-udc00", "edb080"),
                .fail("6.20.6", "utf8.invalid.surrogate-udf80", "edbe80"),
                .fail("6.20.7", "utf8.invalid.surrogate-udfff", "edbfbf"),
            ]
        ),
        (
            "UTF-16 surrogate pair",
            [
                .fail("6.21.1", "utf8.invalid.surrogate-pair-ud800-udc00", "eda080edb080"),
                .fail("6.21.2", "utf8.invalid.surrogate-pair-ud800-udfff", "eda080edbfbf"),
                .fail("6.21.3", "utf8.invalid.surrogate-pair-udb7f-udc00", "edadbfedb080"),
                .fail("6.21.4", "utf8.invalid.surrogate-pair-udb7f-udfff", "edadbfedbfbf"),
                .fail("6.21.5", "utf8.invalid.surrogate-pair-udb80-udc00", "edae80edb080"),
                .fail("6.21.6", "utf8.invalid.surrogate-pair-udb80-udfff", "edae80edbfbf"),
                .fail("6.21.7", "utf8.invalid.surrogate-pair-udbff-udc00", "edafbfedb080"),
                .fail("6.21.8", "utf8.invalid.surrogate-pair-udbff-udfff", "edafbfedbfbf"),
            ]
        ),
        ("noncharacter (valid UTF-8)", noncharacters),
        ("special (valid UTF-8)", specials),
    ]

    /// The samples as cases: one text frame in one write, Autobahn's 0.5 s kill timer.
    static let sequenceCases: [TestCase] = samples.flatMap { kind, samples in
        samples.map { sample in
            let summary = "\(kind): \(Payload.bytes(sample.octets)) in one text frame"
            let timer = CaseTimer.kill(.milliseconds(500))
            let frames = [text(sample.octets)]
            if sample.valid {
                return echo(
                    sample.id, autobahn: sample.autobahn, summary, frames, delivery: .oneWrite, message: sample.octets, timer: timer,
                    file: sample.file, line: sample.line)
            }
            return failure(
                sample.id, autobahn: sample.autobahn, summary, frames, delivery: .oneWrite, timer: timer, file: sample.file,
                line: sample.line)
        }
    }
}
