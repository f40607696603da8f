/// Escaping for XML and HTML text and attribute values (JUnit, DOCX parts, the HTML report
/// and annex): the five special characters as entities, and the characters XML 1.0 cannot
/// hold (C0 controls but tab and line breaks, C1 controls, U+FFFE and U+FFFF) left out.
enum Markup {
    /// `apostrophe`: `&apos;` for XML, `&#39;` for HTML (which older readers need).
    /// `lineBreaksAsSpaces`: for a Word run, where a line break is its own element.
    static func escape(_ text: String, apostrophe: String = "&apos;", lineBreaksAsSpaces: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += apostrophe
            case "\n", "\r", "\t":
                if lineBreaksAsSpaces { result += " " } else { result.unicodeScalars.append(scalar) }
            default:
                let value = scalar.value
                if value < 0x20 || (0x7F...0x9F).contains(value) || (0xFFFE...0xFFFF).contains(value) { continue }
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
