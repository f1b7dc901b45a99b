/// What a campaign does when the liveness check fails: find the input that broke the server
/// (back-search over the last 1, 2, 4, … inputs, each time on a restarted server), minimise
/// it, save the finding, and restart the server so the campaign goes on.
extension Campaign {
    func handleIncident(_ failure: (reaction: ReactionClass, note: String), trigger: GeneratedInput) {
        incidentLock.lock()
        incidentActive.store(true, ordering: .releasing)
        defer {
            incidentActive.store(false, ordering: .releasing)
            incidentLock.unlock()
        }
        if state.withLock({ $0.stopped }) { return }
        // Another worker may have handled this incident while this one waited for the lock.
        guard LivenessCheck.run(executor) != nil else { return }
        let exit = lifecycle?.exitStatus()
        let oracle: FindingOracle = exit != nil ? .process : .liveness
        guard let lifecycle else {
            let rule = Oracle.expect(trigger.script).ruleBreak?.rule
            let signature = FindingSignature(oracle: oracle, rule: rule, reaction: failure.reaction)
            if claim(signature) {
                record(
                    finding(trigger, trigger.script, signature, failure.note + " (not minimised: no --exec to restart the target)", exit))
            }
            state.withLock { $0.stopped = true }
            return
        }
        guard restart(lifecycle) else { return }
        let recent = state.withLock { $0.recent }
        var culprit: GeneratedInput?
        var span = 1
        while span <= recent.count, culprit == nil {
            let suffix = Array(recent.suffix(span))
            if breaks(suffix.map(\.script), lifecycle) {
                culprit = suffix.reversed().first { breaks([$0.script], lifecycle) } ?? suffix.last
            }
            span *= 2
        }
        let found = culprit ?? trigger
        let rule = Oracle.expect(found.script).ruleBreak?.rule
        let signature = FindingSignature(oracle: oracle, rule: rule, reaction: failure.reaction)
        if claim(signature) {
            let budget = ContinuousClock.now + options.minimizeTime
            let small =
                culprit == nil
                ? found.script
                : Minimizer(maxPredicateCalls: min(options.minimizeCalls, 80)).minimize(found.script) {
                    ContinuousClock.now < budget && breaks([$0], lifecycle)
                }.script
            let note = culprit == nil ? "; the back-search did not reproduce it" : ""
            record(finding(found, small, signature, failure.note + note, exit))
        }
        if LivenessCheck.run(executor) != nil { _ = restart(lifecycle) }
    }

    /// Runs `scripts` in order on the target, then the control exchange; true when the target
    /// no longer serves it (and has been restarted for the next try).
    private func breaks(_ scripts: [SessionScript], _ lifecycle: any TargetLifecycle) -> Bool {
        for script in scripts { _ = execute(script, Oracle.acceptable(script)) }
        guard LivenessCheck.run(executor) != nil else { return false }
        _ = restart(lifecycle)
        return true
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
            signature: signature, script: script,
            expected:
                "the server keeps serving other connections whatever one connection sends (\(Judgement.describe(Oracle.expect(script))))",
            observed: (exit.map { "the server process \($0.status); " } ?? "") + observed, seed: options.seed, inputIndex: input.index,
            mutators: input.mutators, originalSteps: input.script.steps.count, toolVersion: toolVersion,
            target: executor.target.description, foundAt: Self.now(), processOutput: exit?.output)
    }
}
