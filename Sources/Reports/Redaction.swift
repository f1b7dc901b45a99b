import Foundation

/// Keeps secrets out of every report and log: values of headers that carry credentials are
/// replaced before anything is written.
public enum Redaction {
    /// The placeholder written instead of a secret.
    public static let placeholder = "<redacted>"

    /// Words that mark a header name as secret, compared case-insensitively as substrings.
    static let secretWords = ["authorization", "cookie", "token", "secret", "password", "passwd", "api-key", "apikey", "session", "auth"]

    /// True when a header of this name may carry a secret.
    public static func isSecret(headerName: String) -> Bool {
        let name = headerName.lowercased()
        return secretWords.contains { name.contains($0) }
    }

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
