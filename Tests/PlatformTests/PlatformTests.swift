import Foundation
import Testing

@testable import Platform

#if canImport(Glibc)
    import Glibc
#endif

/// The one syscall funnel and the durable files built on it.
@Suite("Platform: the syscall funnel and durable files")
struct PlatformTests {
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("wsconform-platform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a failing call comes back as its errno, with the C library's text")
    func errnoValue() {
        guard case .failure(let code) = Syscall.valueOrErrno({ close(-1) }) else {
            Issue.record("close(-1) succeeded")
            return
        }
        #expect(code.rawValue == EBADF)
        #expect(code.description == String(cString: strerror(EBADF)))
    }

    @Test("an atomic write creates missing directories, replaces a file whole, and leaves no temporary file")
    func atomicWrite() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("a/b/report.json")
        try AtomicFile.write(Data("first".utf8), to: url)
        try AtomicFile.write(Data("second".utf8), to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        let names = try AtomicFile.names(in: url.deletingLastPathComponent())
        #expect(names == ["report.json"])
    }

    @Test("a file error names its path and problem, also as the localized description the command line prints")
    func fileErrorText() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let blocker = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let error = #expect(throws: FileError.self) { try AtomicFile.write(Data(), to: blocker.appendingPathComponent("report.json")) }
        #expect(error?.description == "\(blocker.path): not a directory")
        #expect(error?.localizedDescription == error?.description)
    }

    @Test("a file over the read cap is refused before it is read")
    func readCap() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        let url = root.appendingPathComponent("big.json")
        try Data(repeating: 0x20, count: 2048).write(to: url)
        #expect(try Syscall.readFile(url.path, limit: 4096).count == 2048)
        let error = #expect(throws: FileError.self) { try Syscall.readFile(url.path, limit: 1024) }
        #expect(error?.problem.contains("over the cap of 1024") == true)
    }

    @Test("a dead writer's temporary file is removed, a live one's is left alone")
    func leftovers() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: root) }
        // PID 2^22+1 is above Linux's pid_max default ceiling, so no process has it.
        let dead = ".report.json.4194305.1.tmp"
        let live = ".report.json.\(getpid()).1.tmp"
        for name in [dead, live] { try Data().write(to: root.appendingPathComponent(name)) }
        #expect(AtomicFile.removeLeftovers(in: root, names: [dead, live]) == [dead])
        #expect(try AtomicFile.names(in: root).sorted() == [live])
    }

    @Test("a pause lasts at least its duration, to the nanosecond, without rounding down")
    func pause() {
        let start = ContinuousClock.now
        Syscall.pause(.microseconds(1500))
        #expect(ContinuousClock.now - start >= .microseconds(1500))
    }
}
