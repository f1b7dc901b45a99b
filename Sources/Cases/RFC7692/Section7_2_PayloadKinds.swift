import Wire

/// RFC 7692 §7.2 compressed messages of five kinds of content (Autobahn 12.1–12.5).
///
/// Paraphrased: a sender compresses each message with DEFLATE and sets RSV1 on its first frame
/// (§7.2.1); the receiver appends 00 00 ff ff and inflates it, with the window kept from the
/// earlier messages unless no_context_takeover was agreed (§7.2.2). Each group offers what
/// Autobahn offers (client_no_context_takeover with client_max_window_bits, §7.1.1.2,
/// §7.1.2.2) and sends 1000 slices of one generated corpus: JSON as text, a bitmap as binary,
/// prose as binary (text content, binary opcode), HTML as text and a document as binary. The
/// corpora are produced by the project's own generators with the sizes of Autobahn's data
/// files; they compress as those files do, and no third-party file is shipped.
public enum Section7_2_PayloadKinds {
    public static let cases: [TestCase] = kinds.flatMap { kind in
        CompressionGrid.cases(
            group: kind.group, idPrefix: "compression.payload.\(kind.name)", kind: kind.words, opcode: kind.opcode,
            corpus: kind.corpus, offer: offer, section: "RFC 7692 §7.2.1, §7.2.2")
    }

    /// Autobahn's offer for every 12.x case.
    static let offer = "permessage-deflate; client_no_context_takeover; client_max_window_bits"

    /// A group of the 12.x category: its content and the opcode it goes under.
    struct Kind {
        var group: String
        var name: String
        var words: String
        var opcode: Opcode
        var corpus: PayloadCorpus
    }

    static let kinds: [Kind] = [
        Kind(group: "12.1", name: "json-text", words: "JSON text", opcode: .text, corpus: .jsonText(count: 194_056)),
        Kind(group: "12.2", name: "bitmap-binary", words: "bitmap binary", opcode: .binary, corpus: .bitmap(count: 263_222)),
        Kind(group: "12.3", name: "prose-binary", words: "prose binary", opcode: .binary, corpus: .prose(count: 222_218)),
        Kind(group: "12.4", name: "html-text", words: "HTML text", opcode: .text, corpus: .html(count: 263_647)),
        Kind(group: "12.5", name: "document-binary", words: "document binary", opcode: .binary, corpus: .document(count: 1_042_328)),
    ]
}
