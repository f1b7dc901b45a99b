import Testing

@testable import Configuration

@Suite("Configuration")
struct RunPlanTests {
    @Test("an empty plan exists")
    func empty() { _ = RunPlan() }
}
