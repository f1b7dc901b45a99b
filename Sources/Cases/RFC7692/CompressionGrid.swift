import Wire

/// The parameter grid of Autobahn|Testsuite's compression categories (12.x and 13.x), shared
/// by both: 18 settings of message size and frame size, each sending 1000 messages compressed
/// under the agreed permessage-deflate (RFC 7692 §7.2.1) and expecting each echo exact.
///
/// Autobahn waits for each echo before the next message; here the messages are pipelined with
/// a bounded window in flight (`Step.echoCompressed`), so a case takes the server's
/// compression time, not 1000 round trips. The checks are the same: every echo in order, of
/// the same type and octets. The timers are Autobahn's.
enum CompressionGrid {
    /// One column of the grid: setting k of every group N.j (Autobahn's case N.j.k).
    struct Setting {
        /// Octets per message.
        var size: Int
        /// Compressed octets per frame; nil sends each compressed message in one frame.
        var fragment: Int?
        /// Autobahn's case timer.
        var seconds: Int
        /// Whether a quick run includes it: the smallest messages in one frame, and the first
        /// fragmented setting (many frames per message, RSV1 on the first only, RFC 7692 §6.1).
        var tier: Tier
    }

    /// Messages per case.
    static let count = 1000

    /// Settings 1 to 18 in Autobahn's order.
    static let settings: [Setting] = {
        let unfragmented = [(16, 60), (64, 60), (256, 120), (1024, 240), (4096, 480), (8192, 480), (16384, 480), (32768, 480),
            (65536, 480), (131072, 480)].map { Setting(size: $0.0, fragment: nil, seconds: $0.1, tier: $0.0 == 16 ? .quick : .full) }
        let fragmented = [(8192, 256), (16384, 256), (32768, 256), (65536, 256), (131072, 256), (131072, 1024), (131072, 4096),
            (131072, 32768)].map { Setting(size: $0.0, fragment: $0.1, seconds: 480, tier: $0.0 == 8192 ? .quick : .full) }
        return unfragmented + fragmented
    }()

    /// Messages in flight: enough to keep the server busy, at most about 1 MiB of them.
    static func window(size: Int) -> Int { max(4, min(32, (1 << 20) / max(1, size))) }

    /// A readable size: "16", "8k", "128k".
    static func label(_ count: Int) -> String {
        count >= 1 << 10 && count % (1 << 10) == 0 ? "\(count >> 10)k" : "\(count)"
    }

    /// The id suffix of a setting: "size-16", "size-8k-frames-256".
    static func suffix(_ setting: Setting) -> String {
        "size-\(label(setting.size))" + (setting.fragment.map { "-frames-\(label($0))" } ?? "")
    }

    /// The summary of a setting's exchange.
    static func exchange(_ setting: Setting, kind: String) -> String {
        "\(count) \(kind) messages of \(setting.size) octets, each compressed"
            + (setting.fragment.map { " and sent in frames of \($0) compressed octets" } ?? " into one frame")
            + ", pipelined, every echo exact"
    }

    /// The rule every grid case checks.
    static let rule =
        "Once permessage-deflate is agreed, a receiver MUST inflate each message that has RSV1 set on its first frame, with the window carried over unless no_context_takeover was agreed; an echo server returns each of the messages exactly."

    /// The 18 cases of group `group` (e.g. "12.1"): `corpus` cut into messages of `opcode`,
    /// under `offer`.
    static func cases(
        group: String, idPrefix: String, kind: String, opcode: Opcode, corpus: PayloadCorpus, offer: String, section: String,
        file: String = #filePath, line: Int = #line
    ) -> [TestCase] {
        settings.enumerated().map { index, setting in
            let events = (0..<count).map { Event.message(opcode, corpus.message($0, size: setting.size)) }
            return TestCase(
                id: "\(idPrefix).\(suffix(setting))", autobahn: "\(group).\(index + 1)", section: section, rule: rule,
                level: .must, sentence: RFC7692Sentence.receiveCompressed, summary: exchange(setting, kind: kind), opening: .deflate(offer),
                steps: [
                    .echoCompressed(
                        opcode, corpus, size: setting.size, count: count, fragment: setting.fragment, window: window(size: setting.size))
                ],
                expect: .events(events, timer: .kill(.seconds(setting.seconds))), tier: setting.tier, file: file, line: line)
        }
    }
}
