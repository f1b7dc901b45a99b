/// The sentences of RFC 6455 (and of the HTTP RFCs its handshake rests on) that the
/// catalogue's MUST-level cases cite, word for word. One table, so a family cites one wording.
public enum RFC6455Sentence {
    /// §6.2: what every framing, masking and length case rests on.
    public static let parseFrames = NormativeSentence(
        "RFC 6455 §6.2", "Incoming data MUST be parsed as WebSocket frames as defined in Section 5.2.")
    public static let fragmentedAndUnfragmented = NormativeSentence(
        "RFC 6455 §5.4", "Clients and servers MUST support receiving both fragmented and unfragmented messages.")
    public static let controlInsideFragmented = NormativeSentence(
        "RFC 6455 §5.4", "An endpoint MUST be capable of handling control frames in the middle of a fragmented message.")
    /// §10.7, what the orphan-continuation cases rest on (§5.4 defines what a fragmented
    /// message is, without a keyword).
    public static let validateIncoming = NormativeSentence(
        "RFC 6455 §10.7", "Incoming data MUST always be validated by both clients and servers.")
    public static let fragmentsNotInterleaved = NormativeSentence(
        "RFC 6455 §5.4",
        "The fragments of one message MUST NOT be interleaved between the fragments of another message unless an extension has been negotiated that can interpret the interleaving."
    )
    public static let reservedBits = NormativeSentence(
        "RFC 6455 §5.2",
        "RSV1, RSV2, RSV3: 1 bit each MUST be 0 unless an extension is negotiated that defines meanings for non-zero values. If a nonzero value is received and none of the negotiated extensions defines the meaning of such a nonzero value, the receiving endpoint MUST _Fail the WebSocket Connection_."
    )
    public static let unknownOpcode = NormativeSentence(
        "RFC 6455 §5.2", "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_.")
    public static let controlFrameLimits = NormativeSentence(
        "RFC 6455 §5.5", "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented.")
    /// §5.5.2 with §5.5.3's lower-case "must" on the Pong's data (not an RFC 2119 keyword,
    /// but the definition of "a Pong frame in response").
    public static let pingAnswered = NormativeSentence(
        "RFC 6455 §5.5.2, §5.5.3",
        "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in response, unless it already received a Close frame. … A Pong frame sent in response to a Ping frame must have identical \"Application data\" as found in the message body of the Ping frame being replied to."
    )
    public static let unsolicitedPong = NormativeSentence(
        "RFC 6455 §5.5.3, §6.2",
        "A Pong frame MAY be sent unsolicited. … Incoming data MUST be parsed as WebSocket frames as defined in Section 5.2.")
    public static let unmaskedFrame = NormativeSentence(
        "RFC 6455 §5.1", "The server MUST close the connection upon receiving a frame that is not masked.")
    public static let closeAnswered = NormativeSentence(
        "RFC 6455 §5.5.1",
        "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response.")
    public static let closeTCP = NormativeSentence(
        "RFC 6455 §5.5.1",
        "After both sending and receiving a Close message, an endpoint considers the WebSocket connection closed and MUST close the underlying TCP connection."
    )
    /// The two MUSTs of a closing handshake the client starts: answer, then close TCP.
    public static let closeAnsweredThenTCP = NormativeSentence(
        "RFC 6455 §5.5.1",
        "If an endpoint receives a Close frame and did not previously send a Close frame, the endpoint MUST send a Close frame in response. … After both sending and receiving a Close message, an endpoint considers the WebSocket connection closed and MUST close the underlying TCP connection."
    )
    public static let noDataAfterClose = NormativeSentence(
        "RFC 6455 §5.5.1", "The application MUST NOT send any more data frames after sending a Close frame.")
    public static let closeBodyCode = NormativeSentence(
        "RFC 6455 §5.5.1",
        "If there is a body, the first two bytes of the body MUST be a 2-byte unsigned integer (in network byte order) representing a status code with value /code/ defined in Section 7.4."
    )
    /// §7.4.1 for 1005, 1006 and 1015, worded alike.
    public static func reservedCode(_ code: UInt16) -> NormativeSentence {
        NormativeSentence("RFC 6455 §7.4.1", "\(code) is a reserved value and MUST NOT be set as a status code in a Close control frame by an endpoint.")
    }
    public static let invalidUTF8 = NormativeSentence(
        "RFC 6455 §8.1",
        "When an endpoint is to interpret a byte stream as UTF-8 but finds that the byte stream is not, in fact, a valid UTF-8 stream, that endpoint MUST _Fail the WebSocket Connection_."
    )
    public static let wholeMessageUTF8 = NormativeSentence(
        "RFC 6455 §5.6",
        "Note that a particular text frame might include a partial UTF-8 sequence; however, the whole message MUST contain valid UTF-8.")

    // MARK: The opening handshake (§4)

    public static let stopProcessingHandshake = NormativeSentence(
        "RFC 6455 §4.2.1",
        "If the server, while reading the handshake, finds that the client did not send a handshake that matches the description below (note that as per [RFC2616], the order of the header fields is not important), including but not limited to any violations of the ABNF grammar specified for the components of the handshake, the server MUST stop processing the client's handshake and return an HTTP response with an appropriate error code (such as 400 Bad Request)."
    )
    public static let acceptResponse = NormativeSentence(
        "RFC 6455 §4.2.2", "If the server chooses to accept the incoming connection, it MUST reply with a valid HTTP response indicating the following.")
    public static let unsupportedVersion = NormativeSentence(
        "RFC 6455 §4.2.2",
        "If this version does not match a version understood by the server, the server MUST abort the WebSocket handshake described in this section and instead send an appropriate HTTP error code (such as 426 Upgrade Required) and a |Sec-WebSocket-Version| header field indicating the version(s) the server is capable of understanding."
    )
    public static let subprotocolChosen = NormativeSentence(
        "RFC 6455 §4.2.2",
        "The value chosen MUST be derived from the client's handshake, specifically by selecting one of the values from the |Sec-WebSocket-Protocol| field that the server is willing to use for this connection (if any)."
    )
    public static let keyOnce = NormativeSentence(
        "RFC 6455 §11.3.1", "The |Sec-WebSocket-Key| header field MUST NOT appear more than once in an HTTP request.")
    public static let hostField = NormativeSentence(
        "RFC 9112 §3.2",
        "A server MUST respond with a 400 (Bad Request) status code to any HTTP/1.1 request message that lacks a Host header field and to any request message that contains more than one Host header field line or a Host header field with an invalid field value."
    )
    public static let obsFold = NormativeSentence(
        "RFC 9112 §5.2",
        "A server that receives an obs-fold in a request message that is not within a \"message/http\" container MUST either reject the message by sending a 400 (Bad Request), preferably with a representation explaining that obsolete line folding is unacceptable, or replace each received obs-fold with one or more SP octets prior to interpreting the field value or forwarding the message downstream."
    )
    public static let fieldTooLarge = NormativeSentence(
        "RFC 9110 §5.4",
        "A server that receives a request header field line, field value, or set of fields larger than it wishes to process MUST respond with an appropriate 4xx (Client Error) status code."
    )
}
