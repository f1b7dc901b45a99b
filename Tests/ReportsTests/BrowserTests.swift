import Cases
import Foundation
import Testing

@testable import Reports

#if canImport(Glibc)
    import Glibc
#endif

/// The HTML report opened in a real browser (Debian's `chromium`, headless): the inline script
/// runs, and the DOM it leaves behind shows which case rows the fragment's filters hid.
@Suite("The HTML report in a headless browser")
struct BrowserTests {
    /// Where Debian installs the browser; `scripts/install-deps` installs it.
    static let chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]

    static func chromium() throws -> String {
        let environment = ProcessInfo.processInfo.environment["WSCONFORM_CHROMIUM"].map { [$0] } ?? []
        guard let path = (environment + chromiumCandidates).first(where: FileManager.default.isExecutableFile(atPath:)) else {
            throw BrowserError.missing
        }
        return path
    }

    enum BrowserError: Error, CustomStringConvertible {
        case missing
        case timedOut
        case failed(String)

        var description: String {
            switch self {
            case .missing: "chromium is not installed: run scripts/install-deps"
            case .timedOut: "chromium did not finish within 90 s and was stopped"
            case .failed(let text): text
            }
        }
    }

    /// Runs chromium on `page` opened at `fragment` and returns the DOM after its scripts ran.
    /// The browser gets a fresh profile, a deadline, and is stopped by its PID if it overruns.
    static func dumpDOM(_ page: URL, fragment: String) throws -> String {
        let browser = try chromium()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let output = scratch.appendingPathComponent("dom.html")
        let errors = scratch.appendingPathComponent("stderr.txt")
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--user-data-dir=\(scratch.appendingPathComponent("profile").path)", "--virtual-time-budget=5000", "--dump-dom",
            page.absoluteString + fragment,
        ]
        let stdout = try FileHandle(forWritingTo: output)
        let stderr = try FileHandle(forWritingTo: errors)
        defer {
            try? stdout.close()
            try? stderr.close()
        }
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
        if exited.wait(timeout: .now() + 90) == .timedOut {
            kill(process.processIdentifier, SIGTERM)
            if exited.wait(timeout: .now() + 5) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = exited.wait(timeout: .now() + 5)
            }
            throw BrowserError.timedOut
        }
        let dom = try String(contentsOf: output, encoding: .utf8)
        guard process.terminationStatus == 0, dom.contains("</html>") else {
            let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw BrowserError.failed("chromium exited \(process.terminationStatus): \(log.suffix(2_000))")
        }
        return dom
    }

    /// A case row as the browser left it.
    struct Row: Equatable {
        var target: String
        var caseID: String
        var verdicts: [String]
        var category: String
        var hidden: Bool
        var open: Bool
    }

    /// Every `<details class="case">` opening tag in the dumped DOM, with its attributes.
    static func rows(_ dom: String) -> [Row] {
        dom.components(separatedBy: "<details ").dropFirst().compactMap { chunk -> Row? in
            let tag = String(chunk.prefix { $0 != ">" })
            guard tag.contains("class=\"case ") else { return nil }
            func attribute(_ name: String) -> String? {
                guard let start = tag.range(of: " \(name)=\"") ?? (tag.hasPrefix("\(name)=\"") ? tag.range(of: "\(name)=\"") : nil)
                else { return nil }
                return String(tag[start.upperBound...].prefix { $0 != "\"" })
            }
            let id = attribute("id") ?? ""
            return Row(
                target: String(id.prefix { $0 != "-" }), caseID: attribute("data-case") ?? "",
                verdicts: (attribute("data-verdict") ?? "").split(separator: " ").map(String.init),
                category: attribute("data-category") ?? "",
                hidden: tag.contains(" hidden"), open: tag.contains(" open"))
        }
    }

    /// The page of a run of the whole catalogue on two targets, written to a temporary file.
    static func writePage() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-report-\(UUID().uuidString).html")
        try HTMLReporter().render(ReportFixtures.fullCatalogue()).write(to: file)
        return file
    }

    @Test("the browser shows a row for every case on every target")
    func everyCase() throws {
        let page = try Self.writePage()
        defer { try? FileManager.default.removeItem(at: page) }
        let rows = Self.rows(try Self.dumpDOM(page, fragment: ""))
        #expect(rows.count == Catalogue.all.count * 2)
        for target in ["t0", "t1"] {
            #expect(rows.filter { $0.target == target }.map(\.caseID) == Catalogue.all.map { HTMLEscape.token($0.id) })
        }
        #expect(rows.allSatisfy { !$0.hidden && !$0.open }, "no filter: all shown, all collapsed")
        let statuses = Set(rows.compactMap(\.verdicts.first))
        #expect(statuses == ["passed", "failed", "waived", "error"])
    }

    @Test("#verdict=failed leaves only the failing rows visible")
    func verdictFilter() throws {
        let page = try Self.writePage()
        defer { try? FileManager.default.removeItem(at: page) }
        let rows = Self.rows(try Self.dumpDOM(page, fragment: "#verdict=failed"))
        #expect(rows.count == Catalogue.all.count * 2)
        let visible = rows.filter { !$0.hidden }
        #expect(!visible.isEmpty)
        #expect(visible.allSatisfy { $0.verdicts.first == "failed" })
        #expect(rows.filter { $0.verdicts.first == "failed" }.allSatisfy { !$0.hidden })
    }

    @Test("#category=X leaves only that category's rows visible, and combines with a verdict filter")
    func categoryFilter() throws {
        let page = try Self.writePage()
        defer { try? FileManager.default.removeItem(at: page) }
        let dom = try Self.dumpDOM(page, fragment: "#category=utf8&verdict=non-strict,error")
        let rows = Self.rows(dom)
        let visible = rows.filter { !$0.hidden }
        #expect(!visible.isEmpty)
        #expect(visible.allSatisfy { $0.category == "utf8" && ($0.verdicts.contains("non-strict") || $0.verdicts.contains("error")) })
        let expected = rows.filter { $0.category == "utf8" && ($0.verdicts.contains("non-strict") || $0.verdicts.contains("error")) }
        #expect(visible.count == expected.count)
        #expect(dom.contains("showing \(visible.count) of \(rows.count) case results"))
        let onlyCategory = Self.rows(try Self.dumpDOM(page, fragment: "#category=close")).filter { !$0.hidden }
        #expect(onlyCategory.count == 2 * Catalogue.all.filter { $0.category == "close" }.count)
        #expect(onlyCategory.allSatisfy { $0.category == "close" })
    }

    @Test("#case=ID opens that case on every target")
    func openCase() throws {
        let page = try Self.writePage()
        defer { try? FileManager.default.removeItem(at: page) }
        let id = Catalogue.all[10].id
        let rows = Self.rows(try Self.dumpDOM(page, fragment: "#case=\(id)"))
        #expect(rows.filter(\.open).map(\.caseID) == [id, id])
        #expect(rows.allSatisfy { !$0.hidden })
    }
}
