import Cases
import Foundation
import Testing

@testable import Reports

@Suite("The HTML report")
struct HTMLReporterTests {
    static func page(_ report: RunReport) throws -> String {
        String(decoding: try HTMLReporter().render(report), as: UTF8.self)
    }

    @Test("report.html matches its golden file")
    func golden() throws {
        try GoldenFile.check(try HTMLReporter().render(ReportFixtures.sample), "report.html")
    }

    @Test("the same report renders to the same bytes")
    func deterministic() throws {
        #expect(try HTMLReporter().render(ReportFixtures.sample) == HTMLReporter().render(ReportFixtures.sample))
        #expect(try HTMLReporter().render(ReportFixtures.fullCatalogue()) == HTMLReporter().render(ReportFixtures.fullCatalogue()))
    }

    @Test("a <script> in a close reason, a reason or a Server field comes out as text")
    func escapesHostileText() throws {
        let page = try Self.page(ReportFixtures.sample)
        #expect(!page.contains("<script>alert"))
        #expect(page.components(separatedBy: "<script").count == 2, "only the page's own script element")
        let escaped = "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;"
        #expect(page.contains("<q class=\"peer\">\(escaped)</q>"), "close reason")
        #expect(page.contains("<li>reason text \(escaped) &amp; more</li>"), "reason text")
        #expect(page.contains("<dd>Echo/1.0 \(escaped)</dd>"), "Server field")
        #expect(page.contains("reason=\(escaped)"), "transcript")
    }

    @Test("control characters a peer sent are shown, not passed through")
    func escapesControlCharacters() {
        #expect(HTMLEscape.text("a\u{0}b\u{1B}c\"d") == "a\\u{0}b\\u{1B}c&quot;d")
        #expect(HTMLEscape.token("utf8.x y<z>") == "utf8.x_y_z_")
    }

    @Test("the page is self-contained: no external scripts, styles, fonts or images")
    func selfContained() throws {
        let page = try Self.page(ReportFixtures.fullCatalogue())
        for needle in ["src=", "<link", "@import", "url(", "http://", "https://", "<img", "@font-face"] {
            #expect(!page.contains(needle), "found \(needle)")
        }
        #expect(page.contains("<style>") && page.contains("<script>"))
    }

    @Test("the header carries version, start, duration, redacted command line, strictness, baseline and the incomplete banner")
    func header() throws {
        let page = try Self.page(ReportFixtures.sample)
        #expect(page.contains("<dd>wsconform 0.1.0</dd>"))
        #expect(page.contains("<dd>2026-11-25T18:00:00Z</dd>"))
        #expect(page.contains("<dd>2.4 s</dd>"))
        #expect(
            page.contains("<code>wsconform run ws://127.0.0.1:9001/ --header &#39;Authorization: &lt;redacted&gt;&#39;</code>"))
        #expect(!page.contains("s3cr3t"))
        #expect(page.contains("<dt>Strict</dt><dd>no — SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) pass</dd>"))
        var strict = ReportFixtures.sample
        strict.strict = true
        #expect(
            try Self.page(strict).contains(
                "<dt>Strict</dt><dd>yes — SHOULD-level deviations (NON-STRICT, FAILED BY CLIENT) count as failures</dd>"))
        #expect(page.contains("<dt>Baseline</dt><dd><code>baseline.json</code></dd>"))
        #expect(page.contains("class=\"banner\" role=\"alert\">INCOMPLETE RUN"))
        let complete = try Self.page(ReportFixtures.fullCatalogue())
        #expect(!complete.contains("class=\"banner\""))
    }

    @Test("each target shows its facts and its totals in words")
    func targets() throws {
        let page = try Self.page(ReportFixtures.sample)
        for fact in [
            "<dt>Extensions</dt><dd>permessage-deflate; client_max_window_bits=15</dd>", "<dt>Subprotocol</dt><dd>chat</dd>",
            "<dt>TLS</dt><dd>TLSv1.3, TLS_AES_256_GCM_SHA384, ALPN http/1.1</dd>", "<dt>Certificate</dt><dd>CN=localhost</dd>",
            "<dt>Certificate expires</dt><dd>2027-01-01T00:00:00Z</dd>", "<dt>Unmatched waivers (1)</dt><dd><code>framing.gone</code></dd>",
        ] {
            #expect(page.contains(fact), "missing \(fact)")
        }
        // Five cases per target: 2 passed (one NON-STRICT), 1 failed, 1 waived, 1 could not run.
        for tile in ["<b>2</b>passed", "<b>1</b>failed", "<b>1</b>waived", "<b>1</b>could not run", "<b>5</b>cases"] {
            #expect(page.components(separatedBy: tile).count == 3, "\(tile) once per target")
        }
    }

    @Test("a case row carries everything a reader needs")
    func caseRow() throws {
        let page = try Self.page(ReportFixtures.sample)
        let id = "fragmentation.orphan.after-message"
        let start = try #require(page.range(of: "<details class=\"case s-failed\" id=\"t0-\(id)\""))
        let row = String(page[start.lowerBound..<page[start.lowerBound...].range(of: "</details>")!.upperBound])
        for part in [
            "data-verdict=\"failed\"", "data-category=\"fragmentation\"", "<span class=\"badge b-failed\">FAIL</span>",
            "<span class=\"alias\">5.15</span>", "FAILED / WRONG CODE", "14 ms", "RFC 6455 §5.4",
            "<p class=\"divergence\"><b>First divergence:</b> event 2:", "Differs from Autobahn|Testsuite",
            "<span class=\"verdict v-ok\">OK</span> if the server sends:<ol class=\"events\"><li>text &#39;fragment1fragment2&#39;</li></ol>",
            "<span class=\"verdict v-ok\">OK</span> if the server sends no message",
            "<dt>Server's close code</dt><dd>1000</dd>", "<table class=\"transcript\">", "← read", "8d8d8d8d 8d8d8d8d",
        ] {
            #expect(row.contains(part), "missing \(part)")
        }
        #expect(page.contains("<b>Waived by the baseline:</b> known: the server skips UTF-8 validation (ticket WS-42)"))
        #expect(page.contains("data-verdict=\"passed non-strict\""))
        #expect(page.contains("<dt>Could not run</dt><dd class=\"error\">connect: connection refused</dd>"))
    }

    @Test("the matrix has a row per category and a column per target, each cell linking to its category")
    func matrix() throws {
        let report = ReportFixtures.fullCatalogue()
        let page = try Self.page(report)
        let categories = HTMLMatrix.categories(report)
        #expect(
            categories
                == Array(Set(Catalogue.all.map(\.category))).sorted { a, b in
                    Catalogue.all.firstIndex { $0.category == a }! < Catalogue.all.firstIndex { $0.category == b }!
                })
        for category in categories {
            #expect(page.contains("<tr><th><a href=\"#category=\(category)\">\(category)</a>"))
            for target in 0..<2 { #expect(page.contains("<a href=\"#cat-\(target)-\(category)\">"), "cell \(target) \(category)") }
            for target in 0..<2 { #expect(page.contains("<section class=\"category\" id=\"cat-\(target)-\(category)\"")) }
        }
        #expect(page.contains("<th>Server 1</th><th>Server 2</th>"))
    }

    @Test("long transcripts and event lists are elided and hex is capped")
    func elision() throws {
        let page = try Self.page(ReportFixtures.fullCatalogue(transcriptLength: 400))
        #expect(page.contains("<td colspan=\"5\">… 350 entries omitted …</td>"))
        #expect(page.contains("entry 39 of ") && !page.contains("entry 40 of ") && page.contains("entry 390 of "))
        #expect(HTMLTranscript.hex(String(repeating: "ab", count: 64), octets: 900).hasSuffix(" …"))
        #expect(!HTMLTranscript.hex("abcd", octets: 2).contains("…"))
        let events = HTMLCaseSection.events((1...100).map { "text \($0)" })
        #expect(events.contains("<li class=\"gap\">… 50 events omitted …</li><li value=\"91\">text 91</li>"))
    }

    @Test("a full catalogue run stays a few megabytes however long its transcripts are")
    func size() throws {
        let long = try HTMLReporter().render(ReportFixtures.fullCatalogue(targets: 1, transcriptLength: 400)).count
        let longer = try HTMLReporter().render(ReportFixtures.fullCatalogue(targets: 1, transcriptLength: 4_000)).count
        // Every case at the transcript cap, full hex on every raw entry, and the compression
        // cases' thousand events each: far heavier than a real run. About 17 KB a case.
        #expect(long < Catalogue.all.count * 20_000, "page is \(long) bytes for \(Catalogue.all.count) cases")
        // Only the "N omitted" counts grow.
        #expect(longer - long < long / 50, "\(long) → \(longer) bytes")
    }

    @Test("transcript times are milliseconds with three decimals")
    func milliseconds() {
        #expect(HTMLTranscript.milliseconds(1_510) == "1.510")
        #expect(HTMLTranscript.milliseconds(7) == "0.007")
        #expect(HTMLTranscript.milliseconds(123_456_789) == "123456.789")
    }
}
