#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The resident memory and open descriptors of a launched target at one instant, summed over
/// its process group (`--exec` runs the command through `/bin/sh -c` as a group leader, so the
/// server may be the shell's child, and may fork workers of its own). Read from `/proc`: on a
/// system without it nothing is sampled, and the measurements built on it say so.
public struct ProcessGroupSample: Hashable, Sendable {
    /// Resident set size (`statm`'s resident pages × the page size), summed.
    public var residentOctets: Int
    /// Entries of `/proc/PID/fd`, summed.
    public var descriptors: Int
    /// Processes in the group.
    public var processes: Int
    public var at: ContinuousClock.Instant

    public init(residentOctets: Int, descriptors: Int, processes: Int, at: ContinuousClock.Instant = .now) {
        self.residentOctets = residentOctets
        self.descriptors = descriptors
        self.processes = processes
        self.at = at
    }

    /// Samples the group led by `group`; nil when `/proc` shows none of it.
    public static func take(group: Int32) -> ProcessGroupSample? {
        let page = Syscall.pageSize
        var sample = ProcessGroupSample(residentOctets: 0, descriptors: 0, processes: 0)
        for pid in members(of: group) {
            // A member may end between the listing and the reads; it then counts for nothing.
            guard let statm = Syscall.readProcFile("/proc/\(pid)/statm", limit: 256) else { continue }
            let fields = statm.split(separator: UInt8(ascii: " "))
            guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { continue }
            sample.residentOctets += pages * page
            sample.descriptors += Syscall.procEntries("/proc/\(pid)/fd").count
            sample.processes += 1
        }
        sample.at = .now
        return sample.processes == 0 ? nil : sample
    }

    /// The command name of `pid` (`/proc/PID/comm`: the executable's name, "sh" for the
    /// shell that runs `--exec`'s command), nil when it is gone.
    static func command(of pid: Int32) -> String? {
        Syscall.readProcFile("/proc/\(pid)/comm", limit: 64).map { String(decoding: $0, as: UTF8.self).trimmingNewline }
    }

    /// The ids of the processes whose group is `group` (field 5 of `/proc/PID/stat`, read after
    /// the command name's closing parenthesis, since the name may hold spaces and parentheses).
    static func members(of group: Int32) -> [Int32] {
        Syscall.procEntries("/proc").compactMap(Int32.init).filter { pid in
            guard let stat = Syscall.readProcFile("/proc/\(pid)/stat", limit: 4096),
                let close = stat.lastIndex(of: UInt8(ascii: ")"))
            else { return false }
            let fields = stat[(close + 1)...].split(separator: UInt8(ascii: " "))
            // state, ppid, pgrp
            return fields.count > 2 && Int32(String(decoding: fields[2], as: UTF8.self)) == group
        }
    }
}

extension String {
    fileprivate var trimmingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
