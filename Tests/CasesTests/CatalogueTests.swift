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

    @Test("a case that sends compressed messages offers permessage-deflate in its opening")
    func compressedStepsNeedAnOffer() {
        for testCase in Catalogue.all {
            let compresses = testCase.steps.contains { if case .sendCompressed = $0 { return true } else { return false } }
            if compresses { #expect(!testCase.opening.deflateOffers.isEmpty, "\(testCase) compresses without offering permessage-deflate") }
        }
    }

    @Test("every case passes against the correct reference server")
    func correctServerPasses() throws {
        // The quick tier; the full one runs in bench/compression.sh.
        let cases = Catalogue.cases(in: .quick)
        let results = try CatalogueHarness.run(cases)
        for (testCase, result) in zip(cases, results) {
            var clean = false
            if case .judged(let behaviour, let close) = result.outcome {
                clean = [.ok, .informational].contains(behaviour) && [.ok, .informational].contains(close)
            }
            #expect(clean, "\(CatalogueHarness.describe(testCase, result))")
        }
    }

    @Test("every case names a fault that makes it fail, and every fault fails a case or says why not")
    func everyCaseHasAFault() {
        let ids = Set(Catalogue.all.map(\.id))
        for testCase in Catalogue.all {
            let faults = FaultPairs.faults(for: testCase)
            #expect(!faults.isEmpty, "\(testCase) has no fault that fails it")
            for fault in faults { #expect(Fault.named(fault) != nil, "\(testCase): unknown fault \(fault)") }
        }
        #expect(Set(FaultPairs.tables.keys).isSubset(of: ids), "pairs name cases that do not exist")
        let paired = Set(Catalogue.all.flatMap(FaultPairs.faults(for:)))
        for fault in Fault.all {
            #expect(
                paired.contains(fault.name) != (FaultPairs.unpaired[fault.name] != nil),
                "\(fault.name): paired with a case and listed as unpaired, or neither")
        }
        #expect(Set(FaultPairs.unpaired.keys).isSubset(of: Set(Fault.all.map(\.name))), "unpaired list names unknown faults")
    }

    @Test("each case fails under its fault, for the reason it exists", arguments: Fault.all.filter { FaultPairs.unpaired[$0.name] == nil })
    func casesFailUnderTheirFault(fault: Fault) throws {
        let cases = Catalogue.cases(in: .quick).filter { FaultPairs.faults(for: $0).contains(fault.name) }
        try #require(!cases.isEmpty, "\(fault.name) fails no case")
        let symptom = try #require(Symptom.of[fault.name], "\(fault.name) has no symptom")
        let results = try CatalogueHarness.run(cases, fault: fault)
        for (testCase, result) in zip(cases, results) {
            let described = CatalogueHarness.describe(testCase, result)
            guard case .judged = result.outcome else {
                Issue.record("\(testCase) under \(fault.name) ended in an error, not a verdict: \(described)")
                continue
            }
            #expect(!result.passes(strict: true), "\(testCase) passed under \(fault.name): \(described)")
            #expect(try symptom.shows(in: result), "\(testCase) under \(fault.name) failed without \(symptom.meaning): \(described)")
        }
    }
}

extension CatalogueTests {
    @Test("a parallel run gives the same verdicts as a sequential one")
    func parallelEqualsSequential() throws {
        // Every tenth case: all sections, without the cost of a whole sequential run.
        let cases = Catalogue.cases(in: .quick).enumerated().filter { $0.offset % 10 == 0 }.map(\.element)
        let sequential = try CatalogueHarness.run(cases, jobs: 1)
        let parallel = try CatalogueHarness.run(cases, jobs: 16)
        for (testCase, (one, many)) in zip(cases, zip(sequential, parallel)) {
            #expect(one.outcome == many.outcome, "\(testCase): \(one.outcome) sequentially, \(many.outcome) in parallel")
            #expect(one.observed == many.observed, "\(testCase): different events")
        }
    }
}
