import Client
import Wire

extension RunOptions {
    /// The standard opening request (RFC 6455 §4.1) a run's probes send: a fresh key, the
    /// run's `--header` fields, `--origin` and subprotocols, `extensions` offered, and (unless
    /// `--no-traceparent`) a fresh `traceparent` field last, so that the probe connections can
    /// be found in the target's logs as the cases can. Cases build theirs in `CaseSession`,
    /// which edits the request before the field is added.
    public func standardRequest(for target: TargetURL, extensions: [String] = [], userAgent: String = "wsconform") -> HandshakeRequest {
        var generator = SystemRandomNumberGenerator()
        var request = HandshakeRequest.standard(
            host: target.hostHeader, target: target.resource, key: AcceptKey.randomKey(using: &generator), origin: origin,
            subprotocols: subprotocols, extensions: extensions, extraFields: extraFields)
        request.fields.set("User-Agent", userAgent)
        if traceparent { request.fields.add(TraceParent.fieldName, TraceParent.random().value) }
        return request
    }
}
