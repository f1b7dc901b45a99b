import Cases
import Engine
import ReferenceServer
import Testing

@Suite("The catalogue against the reference server and its faults", .serialized)
struct CatalogueTests {
    @Test("case ids and Autobahn aliases are unique")
    func uniqueIDs() {
        let ids = Catalogue.all.map(\.id)
        #expect(Set(ids).count == ids.count)
        let aliases = Catalogue.all.compactMap(\.autobahn)
        #expect(Set(aliases).count == aliases.count)
    }

    @Test("every case passes against the correct reference server")
    func correctServerPasses() throws {
        let cases = Catalogue.all
        let results = try CatalogueHarness.run(cases)
        for (testCase, result) in zip(cases, results) {
            var clean = false
            if case .judged(let behaviour, let close) = result.outcome {
                clean = [.ok, .informational].contains(behaviour) && [.ok, .informational].contains(close)
            }
            #expect(clean, "\(CatalogueHarness.describe(testCase, result))")
        }
    }

    @Test("every case names a fault that makes it fail")
    func everyCaseHasAFault() {
        for testCase in Catalogue.all {
            let fault = FaultPairs.all[testCase.id]
            #expect(fault != nil, "\(testCase) has no fault that fails it")
            if let fault { #expect(Fault.named(fault) != nil, "\(testCase): unknown fault \(fault)") }
        }
        #expect(Set(FaultPairs.all.keys).isSubset(of: Set(Catalogue.all.map(\.id))), "pairs name cases that do not exist")
    }

    @Test("each case fails under its fault", arguments: Fault.all)
    func casesFailUnderTheirFault(fault: Fault) throws {
        let cases = Catalogue.all.filter { FaultPairs.all[$0.id] == fault.name }
        guard !cases.isEmpty else { return }
        // Server-wide faults (crash, hang) end the server: one server per case.
        let perCase = fault == .crashOnInput || fault == .hangOnInput
        let results =
            try perCase ? cases.flatMap { try CatalogueHarness.run([$0], fault: fault) } : CatalogueHarness.run(cases, fault: fault)
        for (testCase, result) in zip(cases, results) {
            #expect(!result.passes(strict: true), "\(testCase) passed under \(fault.name): \(CatalogueHarness.describe(testCase, result))")
        }
    }
}

extension CatalogueTests {
    @Test("a parallel run gives the same verdicts as a sequential one")
    func parallelEqualsSequential() throws {
        // Every tenth case: all sections, without the cost of a whole sequential run.
        let cases = Catalogue.all.enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        let sequential = try CatalogueHarness.run(cases, jobs: 1)
        let parallel = try CatalogueHarness.run(cases, jobs: 16)
        for (testCase, (one, many)) in zip(cases, zip(sequential, parallel)) {
            #expect(one.outcome == many.outcome, "\(testCase): \(one.outcome) sequentially, \(many.outcome) in parallel")
            #expect(one.observed == many.observed, "\(testCase): different events")
        }
    }
}
