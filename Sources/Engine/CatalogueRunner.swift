import Cases
import Foundation
import Synchronization

/// Runs many cases against one target on `jobs` threads of their own (blocking I/O never
/// runs on Swift's cooperative pool). Results come back in catalogue order, the same as a
/// sequential run apart from timings, each compacted (`CaseResult.compacted`); `progress`
/// sees each whole.
public struct CatalogueRunner: Sendable {
    public let runner: CaseRunner
    public let jobs: Int
    /// How many more times a judged case that did not pass is run, to tell a timing-dependent
    /// verdict from a steady one (`--confirm`); 0: never.
    public var confirmations = 0
    /// The most cases confirmed in one run: against a target failing hundreds, the first ones.
    public var maxConfirmed = 64

    /// A sensible default: cases mostly wait on the network, so several per core.
    public static var defaultJobs: Int { max(8, ProcessInfo.processInfo.activeProcessorCount * 8) }

    public init(runner: CaseRunner, jobs: Int = CatalogueRunner.defaultJobs) {
        self.runner = runner
        self.jobs = max(1, jobs)
    }

    /// Size above which a case is heavy: at most two heavy cases run at once, so that 4–16 MiB
    /// frames never pile up in memory, and a target is never flooded with several multi-MiB
    /// messages at once (a single-threaded server would then time out everyone's handshakes).
    static let heavyThreshold = 2 << 20

    /// Runs `cases`; `progress` is called (from worker threads) after each one.
    public func run(_ cases: [TestCase], progress: @escaping @Sendable (CaseResult) -> Void = { _ in }) -> [CaseResult] {
        run(cases, stop: { false }, progress: progress).map { $0! }
    }

    /// Runs `cases` until `stop` says so (Ctrl-C): no case starts after that, the running ones
    /// finish within their own deadlines. Cases that never started are nil.
    ///
    /// With `health`, a target that stops answering holds the workers while it is checked again;
    /// once it is gone no case starts (those left are nil), and when it came back, the cases
    /// that could not reach it meanwhile, and any that did not pass (they may have met the
    /// outage), run once more.
    public func run(
        _ cases: [TestCase], stop: @escaping @Sendable () -> Bool, health: TargetHealth? = nil,
        progress: @escaping @Sendable (CaseResult) -> Void
    ) -> [CaseResult?] {
        var results = runOnce(cases, stop: stop, health: health, progress: progress)
        if let health {
            let recovered = health.recovered
            let missed = results.indices.filter { index in
                guard let result = results[index] else { return false }
                return TargetHealth.lostTarget(result) || (recovered && !result.passes(strict: true))
            }
            if !missed.isEmpty, health.gone == nil, !stop() {
                let again = runOnce(missed.map { cases[$0] }, stop: stop, health: health, progress: { _ in })
                for (index, result) in zip(missed, again) where result != nil { results[index] = result }
            }
        }
        confirm(cases, &results, stop: stop, health: health)
        return results
    }

    /// Runs each judged case that did not pass `confirmations` more times: a verdict that
    /// changes from run to run depends on timing, and is reported so with each verdict seen
    /// (the first run's stands), never hidden. At most `maxConfirmed` cases, in catalogue order.
    private func confirm(_ cases: [TestCase], _ results: inout [CaseResult?], stop: @escaping @Sendable () -> Bool, health: TargetHealth?) {
        guard confirmations > 0, health?.gone == nil, !stop() else { return }
        let doubtful = results.indices.filter { index in
            guard let result = results[index], case .judged = result.outcome else { return false }
            return !result.passes(strict: true)
        }.prefix(maxConfirmed)
        guard !doubtful.isEmpty else { return }
        var seen: [Int: [String]] = [:]
        for index in doubtful { seen[index] = [results[index]!.verdictWords] }
        for _ in 0..<confirmations where !stop() {
            let again = runOnce(doubtful.map { cases[$0] }, stop: stop, health: health, progress: { _ in })
            for (index, result) in zip(doubtful, again) {
                guard let result, case .judged = result.outcome else { continue }
                seen[index, default: []].append(result.verdictWords)
            }
        }
        for (index, verdicts) in seen where Set(verdicts).count > 1 {
            var counts: [(String, Int)] = []
            for verdict in verdicts {
                if let at = counts.firstIndex(where: { $0.0 == verdict }) { counts[at].1 += 1 } else { counts.append((verdict, 1)) }
            }
            let words = counts.map { "\($0.0) ×\($0.1)" }
            results[index]?.verdictsSeen = words
            results[index]?.reasons.append(
                "timing-dependent: \(verdicts.count) runs gave \(words.joined(separator: ", ")); the first run's verdict stands")
        }
    }

    private func runOnce(
        _ cases: [TestCase], stop: @escaping @Sendable () -> Bool, health: TargetHealth?,
        progress: @escaping @Sendable (CaseResult) -> Void
    ) -> [CaseResult?] {
        let results = Mutex<[CaseResult?]>(Array(repeating: nil, count: cases.count))
        // Where each stream of compressed messages first appears: its cases all go there.
        var firstOfStream: [EchoStream: Int] = [:]
        for (index, testCase) in cases.enumerated() {
            if let stream = Self.echoStream(of: testCase), firstOfStream[stream] == nil { firstOfStream[stream] = index }
        }
        let next = Atomic<Int>(0)
        // Cases that must wait (pauses, fail-fast checkpoints) start first, so they overlap
        // with everything else instead of ending the run alone; results keep catalogue order.
        // Heavy cases go first of all: they run at most two at a time, so they are the long pole.
        // Cases that send the same compressed messages run side by side, so that one
        // compression serves them all (`CompressedMessageCache`); otherwise catalogue order.
        let order = cases.indices.sorted {
            let (a, b) = (cases[$0], cases[$1])
            let (heavyA, heavyB) = (Self.weight(of: a) > Self.heavyThreshold, Self.weight(of: b) > Self.heavyThreshold)
            if heavyA != heavyB { return heavyA }
            let (waitA, waitB) = (Self.waiting(in: a), Self.waiting(in: b))
            if waitA != waitB { return waitA > waitB }
            let (streamA, streamB) = (Self.echoStream(of: a), Self.echoStream(of: b))
            if streamA != streamB { return (streamA.map { firstOfStream[$0]! } ?? $0) < (streamB.map { firstOfStream[$0]! } ?? $1) }
            return $0 < $1
        }
        let heavy = DispatchSemaphore(value: 2)
        let group = DispatchGroup()
        for worker in 0..<min(jobs, max(1, cases.count)) {
            group.enter()
            let thread = Thread { [runner] in
                defer { group.leave() }
                while !stop() {
                    let position = next.add(1, ordering: .relaxed).oldValue
                    guard position < cases.count else { return }
                    let index = order[position]
                    let testCase = cases[index]
                    if let health, !health.admit() { return }
                    let isHeavy = Self.weight(of: testCase) > Self.heavyThreshold
                    if isHeavy { heavy.wait() }
                    let result = runner.run(testCase)
                    if isHeavy { heavy.signal() }
                    health?.record(result)
                    progress(result)
                    // Kept until the run ends, so only what its reports show.
                    results.withLock { $0[index] = result.compacted() }
                }
            }
            thread.name = "wsconform-case-\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        return results.withLock { $0 }
    }

    /// The messages a compressed-echo case sends: its corpus and message size.
    struct EchoStream: Hashable {
        var corpus: String
        var size: Int
    }

    /// The stream of compressed messages of a case with an `echoCompressed` step.
    static func echoStream(of testCase: TestCase) -> EchoStream? {
        for step in testCase.steps {
            if case .echoCompressed(_, let corpus, let size, _, _, _) = step { return EchoStream(corpus: corpus.id, size: size) }
        }
        return nil
    }

    /// How long a case waits on purpose (pauses and checkpoints), whatever the server does.
    static func waiting(in testCase: TestCase) -> Duration {
        testCase.steps.reduce(.zero) { total, step in
            switch step {
            case .pause(let duration): return total + duration
            case .checkpoint(_, let timeout): return total + timeout
            default: return total
            }
        }
    }

    /// The largest frame or message a case sends: its cost in memory (frames are encoded
    /// whole) and to the target (messages are reassembled whole).
    static func weight(of testCase: TestCase) -> Int {
        var largest = 0
        for step in testCase.steps {
            switch step {
            case .send(let frames, _): largest = max(largest, frames.map(\.payload.count).max() ?? 0)
            case .sendRaw(let bytes, _): largest = max(largest, bytes.count)
            case .sendCompressed(_, let payload, _): largest = max(largest, payload.count)
            case .roundTrips(let frame, _): largest = max(largest, frame.payload.count)
            case .echoCompressed(_, _, let size, _, _, let window): largest = max(largest, size * max(1, window))
            case .sendMessage(_, let payload, _, _): largest = max(largest, payload.count)
            case .startClose(let frame): largest = max(largest, frame.payload.count)
            case .pause, .checkpoint, .awaitEvents: break
            }
        }
        return largest
    }
}
