/// Escaping for XML and HTML text and attribute values (JUnit, the HTML report): the five
/// special characters as entities, and the control characters XML 1.0 cannot hold left out.
enum Markup {
    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n", "\r", "\t": result.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 && !(0x7F...0x9F).contains(scalar.value) { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }
}
