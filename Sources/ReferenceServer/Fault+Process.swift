/// Faults of the server process rather than of its frames: how it shuts down and what each
/// connection costs it. No conformance case can see them; the checks of a launched target
/// (`run --exec`, `check --exec`) do: the shutdown check sends SIGTERM with connections open,
/// and the memory check samples the process from `/proc` across connect/close cycles.
extension Fault {
    /// Every fault of this family, in `serve --list-faults` order.
    static let process: [Fault] = [.ignoreTermination, .dropOnShutdown, .leakMemoryPerConnection, .leakDescriptorPerConnection]

    public static let ignoreTermination = Fault(
        name: "ignore-sigterm", summary: "ignores SIGTERM and goes on serving (only SIGKILL stops it)",
        section: "a service's contract with its supervisor: SIGTERM asks it to shut down (RFC 6455 §7.4.1's 1001 is how it tells its clients)")
    public static let dropOnShutdown = Fault(
        name: "drop-on-shutdown",
        summary: "on SIGTERM drops every open connection without a Close frame and exits (the clients see 1006)",
        section: "RFC 6455 §7.4.1 (1001: an endpoint going away, such as a server going down), §7.1.7 (SHOULD send a Close frame first)")
    public static let leakMemoryPerConnection = Fault(
        name: "leak-memory", summary: "keeps 64 KiB of memory for every connection it ever served, after it closes",
        section: "a service's resource contract: memory is bounded by the connections open, not by those served")
    public static let leakDescriptorPerConnection = Fault(
        name: "leak-descriptor", summary: "opens a descriptor for every connection and never closes it",
        section: "a service's resource contract: descriptors are bounded by the connections open, not by those served")
}
