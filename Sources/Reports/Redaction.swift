import Foundation
import Wire

/// Keeps secrets out of every report and log: values of headers that carry credentials are
/// replaced before anything is written.
public enum Redaction {
    /// The placeholder written instead of a secret.
    public static let placeholder = HeaderFields.redactedValue

    /// True when a header of this name may carry a secret (the rule is `HeaderFields.isSecret`).
    public static func isSecret(headerName: String) -> Bool { HeaderFields.isSecret(name: headerName) }

    /// "Name: value" with the value redacted when the name is secret.
    public static func redact(header: String) -> String {
        guard let colon = header.firstIndex(of: ":") else { return header }
        let name = String(header[..<colon]).trimmingCharacters(in: .whitespaces)
        return isSecret(headerName: name) ? "\(header[..<colon]): \(placeholder)" : header
    }

    /// A command line with the value of every secret `--header 'K: V'` redacted.
    public static func redact(commandLine arguments: [String]) -> [String] {
        var result: [String] = []
        var headerNext = false
        for argument in arguments {
            if headerNext {
                result.append(redact(header: argument))
                headerNext = false
            } else if argument == "--header" {
                result.append(argument)
                headerNext = true
            } else if argument.hasPrefix("--header=") {
                result.append("--header=" + redact(header: String(argument.dropFirst("--header=".count))))
            } else {
                result.append(argument)
            }
        }
        return result
    }
}
