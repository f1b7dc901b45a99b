import Foundation
import Platform

/// What a campaign does when the liveness check fails: find the input that broke the server
/// (back-search over the last 1, 2, 4, … inputs, each time on a restarted server), minimise
/// it, save the finding, and restart the server so the campaign goes on.
extension Campaign {
    func handleIncident(_ failure: (reaction: ReactionClass, note: String), trigger: GeneratedInput, seen: Int) {
        incidentLock.lock()
        incidents.add(1, ordering: .releasing)
        incidentActive.store(true, ordering: .releasing)
        defer {
            incidentActive.store(false, ordering: .releasing)
            incidentLock.unlock()
        }
        if state.withLock({ $0.stopped }) { return }
        // Another worker may have handled this incident while this one waited for the lock.
        if incidents.load(ordering: .acquiring) != seen + 1, LivenessCheck.run(executor) == nil { return }
        var exit = lifecycle?.exitStatus()
        // A server busy with other connections' large messages (inflating and compressing again
        // a decompression bomb's echo takes a Python server seconds) may answer late without
        // being hung: one control exchange with a patient deadline tells the two apart.
        if failure.reaction == .hung, exit == nil, LivenessCheck.run(patientExecutor) == nil { return }
        // A dying process takes a moment to be reaped (a shell running the command exits just
        // after its child): wait for it briefly before calling the server hung.
        let settle = ContinuousClock.now + .milliseconds(300)
        while exit == nil, let lifecycle, lifecycle.observesProcess, ContinuousClock.now < settle {
            Syscall.pause(.milliseconds(10))
            exit = lifecycle.exitStatus()
        }
        let oracle: FindingOracle = exit != nil ? .process : .liveness
        // A process that exited crashed, however the control exchange saw it go; one that
        // still runs but does not serve hung. Unseen, the control exchange is all there is.
        let reaction: ReactionClass =
            lifecycle?.observesProcess != true ? failure.reaction : (exit != nil ? .crashed : .hung)
        // Taken before anything else runs: what was completed or in flight when it went away.
        let suspects = suspects(trigger)
        guard let lifecycle else {
            recordUnattributed(oracle, reaction, suspects, failure.note + "; no --exec and no --restart-wait: the target was not waited for")
            state.withLock { $0.stopped = true }
            return
        }
        guard restart(lifecycle) else {
            let why = lifecycle.observesProcess ? "it could not be restarted" : "it did not serve again within the --restart-wait"
            recordUnattributed(oracle, reaction, suspects, failure.note + "; \(why)")
            return
        }
        // The same input rule again: most likely the bug already found; skip the back-search.
        let triggerRule = rule(of: trigger.script)
        if state.withLock({ $0.signatures.contains(FindingSignature(oracle: oracle, rule: triggerRule, reaction: reaction).description) }) {
            return
        }
        let recent = state.withLock { $0.recent }
        var culprit: GeneratedInput?
        var span = 1
        while span <= recent.count, culprit == nil, !stopRequested {
            let suffix = Array(recent.suffix(span))
            if breaks(suffix.map(\.script), lifecycle) {
                culprit = suffix.reversed().first { breaks([$0.script], lifecycle) } ?? suffix.last
            }
            span *= 2
        }
        // A server that recovered by itself and whose failure no input reproduces is not
        // reported: without a reproducer it cannot be told from a transient (a process exit
        // always is: the process oracle saw it).
        if culprit == nil, exit == nil {
            // A target that refused connections went down (a supervisor restarted it): the
            // input is not found again, but the loss of service is real; keep every suspect.
            if !lifecycle.observesProcess, failure.reaction == .crashed {
                recordUnattributed(oracle, reaction, suspects, failure.note + "; the target came back, and no input took it down again")
                return
            }
            state.withLock { $0.statistics.unreproducedIncidents += 1 }
            return
        }
        let found = culprit ?? trigger
        // The signature names the rule the minimised input breaks: inputs that differ in what
        // else they carry converge on one reproducer, and so on one finding.
        let raw = FindingSignature(oracle: oracle, rule: rule(of: found.script), reaction: reaction)
        if claim(raw) {
            let budget = ContinuousClock.now + options.minimizeTime
            let small =
                culprit == nil
                ? found.script
                : Minimizer(maxPredicateCalls: min(options.minimizeCalls, 80)).minimize(found.script) {
                    ContinuousClock.now < budget && !stopRequested && breaks([$0], lifecycle)
                }.script
            let signature = FindingSignature(oracle: oracle, rule: rule(of: small), reaction: reaction)
            if signature == raw || claim(signature) {
                let note = culprit == nil ? "; the back-search did not reproduce it" : ""
                var confirmed = finding(found, small, signature, failure.note + note, exit)
                let confirmation = judge(small, transcript: true).observation
                confirmed.transcript = confirmation.transcript
                confirmed.traceId = confirmation.traceID
                record(confirmed)
                if LivenessCheck.run(executor) != nil { _ = restart(lifecycle) }
            }
        }
        if LivenessCheck.run(executor) != nil { _ = restart(lifecycle) }
    }

    /// The rule `script` breaks, judged on the octets an execution sends this target (its
    /// host, and a traceparent field of the same length as every input's): a head near a size
    /// limit is named as the inputs were judged.
    func rule(of script: SessionScript) -> Rule? { trial(script).strict.ruleBreak?.rule }

    /// The inputs that may have taken the target down: completed since the last successful
    /// control exchange, or in flight; oldest first, the trigger among them. At most
    /// `recentLimit`, and within `suspectOctets` on the wire (the newest kept), so the
    /// finding file stays readable.
    func suspects(_ trigger: GeneratedInput) -> [GeneratedInput] {
        let all = state.withLock { state in state.sinceLiveness + state.inFlight.values }
        var seen = Set<UInt64>()
        var ordered = (all + [trigger]).filter { seen.insert($0.index).inserted }.sorted { $0.index < $1.index }
        ordered = Array(ordered.suffix(Self.recentLimit))
        var octets = 0
        var kept: [GeneratedInput] = []
        for input in ordered.reversed() {
            octets += input.script.wire().bytes.count
            if octets > Self.suspectOctets, !kept.isEmpty { break }
            kept.append(input)
        }
        return kept.reversed()
    }

    /// The most octets of suspects one finding keeps.
    static let suspectOctets = 8 << 20

    /// A loss of service no input could be named for: every suspect saved, for `replay` to
    /// walk one at a time. The script is the last suspect's, as a first guess.
    func recordUnattributed(_ oracle: FindingOracle, _ reaction: ReactionClass, _ suspects: [GeneratedInput], _ note: String) {
        let signature = FindingSignature.unattributed(oracle: oracle, reaction: reaction)
        guard let last = suspects.last, claim(signature) else { return }
        var unattributed = finding(
            last, last.script, signature,
            note + "; \(suspects.count) input(s) completed since the last successful control exchange or in flight, all saved", nil)
        unattributed.expected = "the server keeps serving other connections whatever one connection sends"
        unattributed.suspects = suspects.map { Finding.Suspect(inputIndex: $0.index, mutators: $0.mutators, script: $0.script) }
        record(unattributed)
    }

    /// The executor with the reaction timeout a busy server gets before it is called hung:
    /// three times the campaign's, at least 10 s.
    var patientExecutor: ScriptExecutor {
        var patient = executor
        patient.reactionTimeout = max(executor.reactionTimeout * 3, .seconds(10))
        return patient
    }

    /// Runs `scripts` in order on the target, each followed by the control exchange when the
    /// target is restarted by a supervisor (it may be back before the last script has run);
    /// true when the target stopped serving (and has been brought back for the next try).
    private func breaks(_ scripts: [SessionScript], _ lifecycle: any TargetLifecycle) -> Bool {
        for (position, script) in scripts.enumerated() {
            _ = judge(script)
            guard !lifecycle.observesProcess || position == scripts.count - 1 else { continue }
            if LivenessCheck.run(executor) != nil {
                _ = restart(lifecycle)
                return true
            }
        }
        return false
    }

    private func restart(_ lifecycle: any TargetLifecycle) -> Bool {
        state.withLock { $0.statistics.restarts += 1 }
        do {
            try lifecycle.restart()
            return true
        } catch {
            state.withLock { $0.stopped = true }
            return false
        }
    }

    private func finding(
        _ input: GeneratedInput, _ script: SessionScript, _ signature: FindingSignature, _ observed: String,
        _ exit: (status: String, output: String)?
    ) -> Finding {
        Finding(
            signature: signature, script: script.noted(signature, input: input, seed: options.seed),
            expected:
                "the server keeps serving other connections whatever one connection sends (\(Judgement.describe(Oracle.expect(script))))",
            observed: (exit.map { "the server process \($0.status); " } ?? "") + observed, seed: options.seed, inputIndex: input.index,
            mutators: input.mutators, originalSteps: input.script.steps.count, toolVersion: toolVersion,
            target: executor.target.description, foundAt: Self.now(), processOutput: exit?.output)
    }
}
