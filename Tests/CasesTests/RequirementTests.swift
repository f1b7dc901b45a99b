import Testing

@testable import Cases

@Test("requirement levels carry the RFC 2119 keywords")
func requirementKeywords() {
    #expect(Requirement.allCases.map(\.rawValue) == ["MUST", "SHOULD", "MAY"])
}
