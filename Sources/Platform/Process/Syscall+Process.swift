import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The system calls that launch, watch and stop a target process, in the one funnel: nothing
/// else spawns, signals or reaps.
extension Syscall {
    /// A pipe whose ends are closed on exec, so no other child inherits them.
    package static func makePipe() -> Result<(read: Int32, write: Int32), Errno> {
        var ends: [Int32] = [-1, -1]
        if case .failure(let code) = valueOrErrno({ pipe(&ends) }) { return .failure(code) }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        return .success((ends[0], ends[1]))
    }

    /// Starts `/bin/sh -c command` as the leader of a new process group (its PID is the group's
    /// id, so the group can be signalled as one), standard input from /dev/null, standard
    /// output and error into `output`, default signal dispositions and an empty signal mask
    /// (a target must not inherit the fuzzer's ignored SIGPIPE), and no other descriptor.
    package static func spawnShell(_ command: String, output: Int32) -> Result<pid_t, Errno> {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, output, 1)
        posix_spawn_file_actions_adddup2(&actions, output, 2)
        // Descriptors opened without FD_CLOEXEC by anything in this process (or in the window
        // before a pipe is marked) are closed in the child; a close that fails is ignored.
        for descriptor in openDescriptors() where descriptor > 2 { posix_spawn_file_actions_addclose(&actions, descriptor) }
        var everySignal = sigset_t()
        var noSignal = sigset_t()
        sigfillset(&everySignal)
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        let arguments = ["/bin/sh", "-c", command].map { (text: String) -> UnsafeMutablePointer<CChar>? in strdup(text) } + [nil]
        defer { for argument in arguments { free(argument) } }
        var pid: pid_t = 0
        let result = arguments.withUnsafeBufferPointer { argv in
            posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv.baseAddress!, environ)
        }
        return result == 0 ? .success(pid) : .failure(Errno(result))
    }

    /// The descriptors this process has open now, from /proc/self/fd.
    private static func openDescriptors() -> [Int32] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        return names.compactMap { Int32($0) }.filter { fcntl($0, F_GETFD) >= 0 && fcntl($0, F_GETFD) & FD_CLOEXEC == 0 }
    }

    /// Sends `signal` to every process of the group `group`; false when none is left.
    @discardableResult
    package static func signalGroup(_ group: pid_t, _ signal: Int32) -> Bool {
        if case .failure = valueOrErrno({ kill(-group, signal) }) { return false }
        return true
    }

    /// Sends `signal` to the one process `pid`.
    package static func signalProcess(_ pid: pid_t, _ signal: Int32) { _ = valueOrErrno({ kill(pid, signal) }) }

    /// How `pid` ended, if it has, without reaping it: while the child is a zombie its PID
    /// (and so its group id) cannot be reused, which makes a last signal to the group safe.
    package static func endWithoutReaping(_ pid: pid_t) -> TargetStatus? {
        var info = siginfo_t()
        let result = valueOrErrno { waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) }
        guard case .success = result, info._sifields._sigchld.si_pid == pid else { return nil }
        let value = info._sifields._sigchld.si_status
        return info.si_code == CLD_EXITED ? .exited(value) : .signalled(value)
    }

    /// Reaps `pid` (after `endWithoutReaping` saw it end), so no zombie is left.
    package static func reap(_ pid: pid_t) {
        var status: Int32 = 0
        _ = valueOrErrno { waitpid(pid, &status, 0) }
    }

    /// True when a process with this id exists (it may belong to another user).
    package static func processExists(_ pid: pid_t) -> Bool {
        switch valueOrErrno({ kill(pid, 0) }) {
        case .success: return true
        case .failure(let code): return code.rawValue != ESRCH
        }
    }

    /// What one wait on the output pipe gave.
    package enum PipeRead {
        case bytes(Int)
        case idle
        case end
    }

    /// Waits up to `milliseconds` for output on `fd`, then reads what is there into `buffer`.
    package static func readPipe(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, waitingMilliseconds milliseconds: Int32)
        -> PipeRead
    {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        switch valueOrErrno({ Glibc.poll(&entry, 1, milliseconds) }) {
        case .success(0): return .idle
        case .success: break
        case .failure: return .end
        }
        switch valueOrErrno({ read(fd, buffer.baseAddress, buffer.count) }) {
        case .success(0), .failure: return .end
        case .success(let count): return .bytes(count)
        }
    }

    package static func closeDescriptor(_ fd: Int32) { _ = close(fd) }
}
