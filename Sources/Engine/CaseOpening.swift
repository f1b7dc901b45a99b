import Cases
import Foundation
import Client
import PerMessageDeflate
import Platform
import Transport
import Wire

extension CaseSession {
    /// Connects and performs the case's opening handshake (RFC 6455 §4.1): sends its request,
    /// reads the answer, and says what the answer decides. Throws `Abort` when the case cannot
    /// run: no connection, no answer, or a refusal where the case needed an upgrade.
    mutating func open(_ target: TargetURL) throws -> OpeningOutcome {
        let deadline = Deadline.after(options.scaled(.seconds(5)))
        do {
            try client.dial(target, dialer: options.dialer, deadline: deadline)
        } catch {
            throw Abort(text: "connect: \(error)")
        }
        let request = openingRequest(target)
        // A request the server must refuse: dropping it instead is the server's verdict, since
        // RFC 6455 §4.2.1 has it "return an HTTP response with an appropriate error code".
        let mustAnswer = testCase.opening.expect.refusal != nil
        switch try client.openingHandshake(request.serialized(), shown: request.redacted().serialized(), deadline: deadline) {
        case nil:
            if mustAnswer { return droppedRequest("closed the connection during the request") }
            throw Abort(text: "opening handshake: the server closed during the request")
        case .unreadableResponse(let text):
            throw Abort(text: "opening handshake: \(text)")
        case .ended(.fin):
            if mustAnswer { return droppedRequest("closed the connection without an HTTP response") }
            throw Abort(text: "opening handshake never completed: endOfStream")
        case .ended(.reset):
            if mustAnswer { return droppedRequest("reset the connection without an HTTP response") }
            throw Abort(text: "opening handshake never completed: reset")
        case .octets, .timedOut:
            throw Abort(text: "opening handshake never completed: timedOut")
        case .response(let head, let remainder):
            var problems = HandshakeCheck.checkResponse(
                head, key: Self.unfolded(request.key ?? ""), offeredSubprotocols: request.fields.listElements("Sec-WebSocket-Protocol"),
                offeredExtensions: request.fields.listElements("Sec-WebSocket-Extensions"))
            problems += Self.acceptedUnknown(head, testCase.opening.unknownExtensions)
            guard
                var decided = OpeningJudge.judge(head, testCase.opening.expect, problems: problems)
                    ?? OpeningJudge.refusedOffer(head, testCase.opening)
            else {
                throw Abort(text: "opening handshake refused: \(problems.first?.description ?? head.startLine)")
            }
            if case .proceed = decided, !testCase.opening.deflateOffers.isEmpty {
                decided = negotiate(testCase.opening, head.fields.values("Sec-WebSocket-Extensions"))
            }
            note("\(head.statusCode == 101 ? "opened" : "refused"): \(head.startLine)")
            openedAt = .now
            switch decided {
            case .proceed, .upgradedWrongly, .declined, .declinedAsRequired: if !remainder.isEmpty { try absorb(remainder) }
            case .refusedAsAccepted, .refusedWrongly, .brokenUpgrade, .refusedOffer: break
            }
            return decided
        }
    }

    /// A field value as a server reads it after replacing obsolete line folding with a space and
    /// trimming (RFC 9112 §5.2): the key a case sends folded.
    static func unfolded(_ value: String) -> String {
        String(value.filter { $0 != "\r\n" && $0 != "\r" && $0 != "\n" }).trimmingCharacters(in: .whitespaces)
    }

    /// The unknown extensions (`Opening.unknownExtensions`) the 101 names: each a problem.
    static func acceptedUnknown(_ head: HTTPHead, _ unknown: [String]) -> [HandshakeProblem] {
        guard head.statusCode == 101, !unknown.isEmpty else { return [] }
        let answered = head.fields.listElements("Sec-WebSocket-Extensions").map {
            ($0.split(separator: ";").first.map(String.init) ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        }
        return unknown.filter { answered.contains($0.lowercased()) }.map {
            HandshakeProblem("RFC 6455 §4.2.2 item 5", "the 101 accepts \($0), an extension no server knows")
        }
    }

    /// A request the case expects refused, answered with no response at all: FAILED at the
    /// case's level (`Judge.opening`).
    private mutating func droppedRequest(_ what: String) -> OpeningOutcome {
        note("no response: the server \(what)")
        openedAt = .now
        return .refusedWrongly(
            "the server \(what), expected \(testCase.opening.expect) (RFC 6455 §4.2.1: an HTTP response with an appropriate error code)")
    }

    /// The permessage-deflate channel the server's answer agrees to (RFC 7692 §5), kept by the
    /// session and its observer; a decline, or an answer the offers do not allow. Where every
    /// offer must be declined (RFC 7692 §7), any acceptance is the server's fault.
    private mutating func negotiate(_ opening: Opening, _ answer: [String]) -> OpeningOutcome {
        let offers = opening.deflateOffers.joined(separator: ", ")
        if opening.deflateDecline == .required {
            let why = Self.declineReasons(opening.deflateOffers)
            let accepted = ExtensionOffer.parseList(answer).offers.contains { $0.hasName(PerMessageDeflateParameters.extensionName) }
            guard accepted else {
                return .declinedAsRequired("the server declined the permessage-deflate offer \(offers), as it must: \(why)")
            }
            return .upgradedWrongly(
                "the server accepted the permessage-deflate offer \(offers) with \(answer.joined(separator: ", ")), which it MUST decline: \(why)"
            )
        }
        do {
            let strict = testCase.opening.strictServerWindow
            guard let channel = try DeflateChannel.client(offered: opening.deflateOffers, response: answer, strictWindow: strict) else {
                return .declined("the server declined the permessage-deflate offer \(offers) (RFC 7692 is optional)")
            }
            deflate = channel
            observer = CaseObserver(
                deflate: channel, inflatedLimit: CaseObserver.inflatedLimit(for: testCase), eventLimit: CaseObserver.eventLimit(for: testCase))
            note("permessage-deflate: \(answer.joined(separator: ", "))")
            return .proceed
        } catch {
            return .brokenUpgrade("the server's permessage-deflate answer \(answer.joined(separator: ", ")) breaks RFC 7692: \(error.text)")
        }
    }

    /// Why a server must decline these offers, RFC 7692 §7: each offer's problems.
    static func declineReasons(_ lines: [String]) -> String {
        let offers = ExtensionOffer.parseList(lines).offers.filter { $0.hasName(PerMessageDeflateParameters.extensionName) }
        let reasons = offers.flatMap { PerMessageDeflateParameters.parse($0, as: .offer).problems.map(\.description) }
        return reasons.isEmpty ? "no reason found in the offer (RFC 7692 §7)" : reasons.joined(separator: "; ")
    }

    /// The request the case sends: its standard form with the run's Origin, subprotocols and
    /// extra fields, a fresh key from the case's seed, and the case's overrides; or its
    /// explicit head as written, with the target's host for the placeholder.
    private mutating func openingRequest(_ target: TargetURL) -> HandshakeRequest {
        let key = AcceptKey.randomKey(using: &generator)
        switch testCase.opening.request {
        case .standard(let overrides):
            var request = HandshakeRequest.standard(
                host: target.hostHeader, target: target.resource, key: key, origin: options.origin,
                subprotocols: options.subprotocols, extraFields: options.extraFields)
            request.fields.set("User-Agent", "wsconform")
            for offer in testCase.opening.deflateOffers + testCase.opening.unknownExtensions {
                request.fields.add("Sec-WebSocket-Extensions", offer)
            }
            request.fields = OpeningRequest.applying(overrides, to: request.fields)
            request.apply(testCase.opening.edits)
            // Last, after the case's own fields, so it never shifts what a case places. A
            // request given octet for octet (below) carries none: its octets are the test.
            if options.traceparent {
                let field = TraceParent.random()
                request.fields.add(TraceParent.fieldName, field.value)
                traceParent = field
            }
            return request
        case .explicit(let head):
            return head.request(host: target.hostHeader)
        }
    }
}
