/// What a run is asked to do, from the command line or a config file (placeholder; filled by
/// the config readers).
public struct RunPlan: Sendable {
    public init() {}
}
