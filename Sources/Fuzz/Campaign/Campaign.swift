import Dispatch
import Foundation
import Synchronization

/// A fuzz campaign against one target: generated inputs fired on `jobs` threads, each judged
/// by the protocol oracle, with liveness checks, back-search and minimisation of what breaks
/// the server, and a working corpus that grows with inputs that made the server react in a way
/// not seen before (between epochs, so the inputs stay a function of the seed).
public final class Campaign: Sendable {
    public let options: CampaignOptions
    public let executor: ScriptExecutor
    let lifecycle: (any TargetLifecycle)?
    let initialCorpus: [SessionScript]
    let toolVersion: String
    let onFinding: @Sendable (Finding) -> Void
    let onInput: @Sendable (CampaignStatistics) -> Void
    let findingKey: @Sendable (FindingSignature, SessionScript) -> String

    struct State {
        var statistics = CampaignStatistics()
        var signatures: Set<String> = []
        var novelty: Set<String> = []
        /// This epoch's inputs whose key was new when the epoch began: the lowest index per key
        /// joins the corpus, whichever thread finished first.
        var epochNovel: [(index: UInt64, key: String, script: SessionScript)] = []
        /// The last inputs completed, oldest first: where a liveness back-search looks.
        var recent: [GeneratedInput] = []
        /// Inputs completed since the last control exchange that succeeded, oldest first, and
        /// those running now: the suspects when the target goes away for good.
        var sinceLiveness: [GeneratedInput] = []
        var inFlight: [UInt64: GeneratedInput] = [:]
        var findings: [Finding] = []
        var stopped = false
        /// Rules whose inputs took the server down (a liveness or process finding): inputs that
        /// break them again are skipped, or one known crash would restart the server for the
        /// rest of the campaign.
        var suppressed: Set<Rule> = []
    }

    let state = Mutex(State())
    /// The caller's stop request, checked inside long incident handling too.
    let stopRequest = Mutex<(@Sendable () -> Bool)?>(nil)

    var stopRequested: Bool { stopRequest.withLock { $0 }?() == true }
    let incidentActive = Atomic<Bool>(false)
    /// Incidents begun so far: an input that overlapped one is not judged (the server was
    /// down or restarting under it).
    let incidents = Atomic<Int>(0)
    let incidentLock = NSLock()
    static let recentLimit = 64

    /// `onFinding` is called once per unique finding, from a worker thread, before the campaign
    /// goes on: save it there and it is durable before anyone is told.
    ///
    /// `findingKey` tells protocol findings apart: one finding per key. The default, the
    /// signature (as `knownSignatures` holds them), is what `corpus/findings/` keeps one file
    /// of; a caller that judges findings by what their input is can split a signature further,
    /// so that a second kind of input with a known signature is not hidden behind the first.
    public init(
        options: CampaignOptions, executor: ScriptExecutor, corpus: [SessionScript], lifecycle: (any TargetLifecycle)? = nil,
        knownSignatures: Set<String> = [], toolVersion: String, onFinding: @escaping @Sendable (Finding) -> Void,
        onInput: @escaping @Sendable (CampaignStatistics) -> Void = { _ in },
        findingKey: @escaping @Sendable (FindingSignature, SessionScript) -> String = { signature, _ in signature.description }
    ) {
        self.options = options
        self.executor = executor
        self.lifecycle = lifecycle
        initialCorpus = Self.startingCorpus(corpus, deflate: options.deflate)
        self.toolVersion = toolVersion
        self.onFinding = onFinding
        self.onInput = onInput
        self.findingKey = findingKey
        state.withLock { $0.signatures = knownSignatures }
    }

    /// The corpus a campaign starts from: the given scripts (the built-in seed when none), with
    /// the built-in deflate seed added when permessage-deflate is on and no script offers it,
    /// or every offer taken out when it is off.
    static func startingCorpus(_ corpus: [SessionScript], deflate: Bool) -> [SessionScript] {
        let scripts = corpus.isEmpty ? [InputSource.builtInSeed] : corpus
        guard deflate else { return scripts.map { $0.withoutDeflateOffer() } }
        return scripts.contains(where: \.offersDeflate) ? scripts : scripts + [InputSource.builtInDeflateSeed]
    }

    /// What a finished (or stopped) campaign leaves.
    public struct Outcome: Sendable {
        public var statistics: CampaignStatistics
        public var findings: [Finding]
        public var corpus: [SessionScript]
        /// Set when the campaign ended early: the target went away and could not be restarted.
        public var abandoned: String?
    }

    /// Runs until the budget is spent or `stop` says so.
    public func run(stop: @escaping @Sendable () -> Bool) -> Outcome {
        stopRequest.withLock { $0 = stop }
        let deadline = options.duration.map { ContinuousClock.now + $0 }
        var corpus = initialCorpus
        state.withLock { $0.statistics.corpusAtStart = corpus.count }
        var position: UInt64 = 0
        let budget = options.inputs ?? .max
        let ended: @Sendable () -> Bool = { [self] in
            stop() || deadline.map { ContinuousClock.now >= $0 } == true || state.withLock { $0.stopped }
        }
        while position < budget, !ended() {
            let end = min(budget, position + options.epochSize)
            let source = InputSource(
                seed: options.seed, corpus: corpus, mutators: options.deflate ? MutatorRegistry.all : MutatorRegistry.withoutDeflate,
                maxStack: options.maxStack)
            runEpoch(source, positions: position..<end, ended: ended)
            position = end
            let novel = state.withLock { state -> [SessionScript] in
                defer { state.epochNovel = [] }
                var scripts: [SessionScript] = []
                for candidate in state.epochNovel.sorted(by: { $0.index < $1.index }) where state.novelty.insert(candidate.key).inserted {
                    scripts.append(candidate.script)
                }
                return scripts
            }
            corpus += novel.prefix(max(0, options.maxCorpus - corpus.count))
        }
        return state.withLock { state in
            state.statistics.corpusAtEnd = corpus.count
            return Outcome(
                statistics: state.statistics, findings: state.findings, corpus: corpus,
                abandoned: state.stopped ? "the target stopped serving and could not be brought back (--exec, --restart-wait)" : nil)
        }
    }

    private func runEpoch(_ source: InputSource, positions: Range<UInt64>, ended: @escaping @Sendable () -> Bool) {
        let next = Atomic<UInt64>(positions.lowerBound)
        let group = DispatchGroup()
        for worker in 0..<options.jobs {
            group.enter()
            let thread = Thread { [self] in
                defer { group.leave() }
                while !ended() {
                    let position = next.add(1, ordering: .relaxed).oldValue
                    guard position < positions.upperBound else { return }
                    if incidentActive.load(ordering: .acquiring) {
                        incidentLock.lock()
                        incidentLock.unlock()
                    }
                    runInput(source.input(at: options.shard.inputIndex(at: position)))
                }
            }
            thread.name = "wsconform-fuzz-\(worker)"
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
    }

    private func runInput(_ input: GeneratedInput) {
        let incidentsBefore = incidents.load(ordering: .acquiring)
        let trial = trial(input.script)
        let strict = trial.strict
        if let rule = strict.ruleBreak?.rule, state.withLock({ $0.suppressed.contains(rule) }) {
            state.withLock { $0.statistics.suppressed += 1 }
            return
        }
        state.withLock { $0.inFlight[input.index] = input }
        var (observation, judgement) = trial.run(executor)
        state.withLock { state in
            state.inFlight[input.index] = nil
            state.recent.append(input)
            if state.recent.count > Self.recentLimit { state.recent.removeFirst() }
            state.sinceLiveness.append(input)
            if state.sinceLiveness.count > Self.recentLimit { state.sinceLiveness.removeFirst() }
        }
        // A reaction that breaks the rules may be the server dying (this input or another's):
        // the control exchange tells, and only a server that still serves is judged on it.
        // Any finding is checked so: a server dying under another worker's input can make this
        // one look wrong (an echo cut short) before anyone has noticed the death.
        if case .finding = judgement {
            state.withLock { $0.statistics.livenessChecks += 1 }
            let seen = incidents.load(ordering: .acquiring)
            if let failure = LivenessCheck.run(executor) {
                handleIncident(failure, trigger: input, seen: seen)
                judgement = .conforming
            } else {
                servedAfter(input)
            }
        }
        if incidents.load(ordering: .acquiring) != incidentsBefore || incidentActive.load(ordering: .acquiring) { judgement = .conforming }
        state.withLock { state in
            var outOfScope = false
            if case .outOfScope = judgement { outOfScope = true }
            state.statistics.count(input, valid: strict.isValid, reaction: observation.reaction, outOfScope: outOfScope)
            // Novel: a rule not broken before, or a way of misbehaving not seen before. A reaction
            // the oracle admits counts as one class whatever its details (a Close then a reset
            // and a bare reset are one), so feedback from a conforming server is deterministic.
            let admitted: String
            switch judgement {
            case .finding(let signature, _, _): admitted = signature.reaction.description
            default: admitted = "conforming"
            }
            let due = "\(strict.reactionClass)/\(strict.replies.count)"
            let key = "\(strict.ruleBreak?.rule.rawValue ?? "valid")/\(due)/\(admitted)"
            if !state.novelty.contains(key) { state.epochNovel.append((input.index, key, input.script)) }
        }
        if case .finding(let signature, let expected, let observed) = judgement, claim(key: findingKey(signature, input.script)) {
            reportProtocolFinding(input, signature: signature, expected: expected, observed: observed)
        }
        let count = state.withLock { $0.statistics.inputsRun }
        if count % options.livenessEvery == 0 {
            state.withLock { $0.statistics.livenessChecks += 1 }
            let seen = incidents.load(ordering: .acquiring)
            if let failure = LivenessCheck.run(executor) { handleIncident(failure, trigger: input, seen: seen) } else { servedAfter(input) }
        }
        onInput(state.withLock { $0.statistics })
    }

    /// The control exchange succeeded after `input` completed: inputs completed before it are
    /// no longer suspects of a loss of service.
    private func servedAfter(_ input: GeneratedInput) {
        state.withLock { state in
            if let position = state.sinceLiveness.lastIndex(where: { $0.index == input.index }) {
                state.sinceLiveness.removeFirst(position + 1)
            }
        }
    }

    /// Runs `script` against the target and judges what it did.
    func trial(_ script: SessionScript) -> Trial { executor.trial(script) }

    /// Fires `script` and judges it.
    func judge(_ script: SessionScript, transcript: Bool = false) -> (observation: Observation, judgement: Judgement) {
        trial(script).run(executor, transcript: transcript)
    }

    /// True the first time a signature is seen (in this campaign or the saved findings).
    func claim(_ signature: FindingSignature) -> Bool { claim(key: signature.description) }

    /// True the first time a finding key (`findingKey`) is seen.
    func claim(key: String) -> Bool {
        state.withLock { $0.signatures.insert(key).inserted }
    }

    private func reportProtocolFinding(_ input: GeneratedInput, signature: FindingSignature, expected: String, observed: String) {
        let budget = ContinuousClock.now + options.minimizeTime
        let result = Minimizer(maxPredicateCalls: options.minimizeCalls).minimize(input.script) { candidate in
            guard ContinuousClock.now < budget else { return false }
            guard case .finding(let again, _, _) = judge(candidate).judgement else { return false }
            return again == signature
        }
        let small = result.script.noted(signature, input: input, seed: options.seed)
        var finalObserved = observed
        var finalExpected = expected
        let (confirmation, smallJudgement) = judge(small, transcript: true)
        if case .finding(_, let smallExpected, let smallObserved) = smallJudgement {
            finalExpected = smallExpected
            finalObserved = smallObserved
        }
        var finding = Finding(
            signature: signature, script: small, expected: finalExpected, observed: finalObserved, seed: options.seed,
            inputIndex: input.index, mutators: input.mutators, originalSteps: input.script.steps.count, toolVersion: toolVersion,
            target: executor.target.description, foundAt: Self.now())
        finding.transcript = confirmation.transcript
        finding.traceId = confirmation.traceID
        record(finding)
    }

    func record(_ finding: Finding) {
        state.withLock { state in
            state.findings.append(finding)
            if finding.signature.oracle != .protocol, let rule = finding.signature.rule { state.suppressed.insert(rule) }
            for name in finding.mutators { state.statistics.mutatorFindings[name, default: 0] += 1 }
        }
        onFinding(finding)
    }

    static func now() -> String { ISO8601DateFormatter().string(from: Date()) }
}
