import WaarborgModel
import WaarborgSyntax

/// A piece of running text in the annex.
public enum AnnexSpan: Sendable, Hashable {
    case text(String)
    /// A label set off in italics (`Toelichting.`).
    case emphasis(String)
    case strong(String)
    /// An id from the plan or the rule set (`kostenbenchmark`, `hap_winsum.competes_with`).
    case code(String)
    /// A reference to footnote N (1-based, numbered in order of appearance).
    case footnote(Int)
    /// A web address, shown as itself.
    case link(String)
    /// A cross-reference to a numbered heading of the annex (`artikel 5`): the number as
    /// text, and the heading's anchor. HTML links it; Word makes it a REF field to a
    /// bookmark on the heading, so it follows when the lawyer renumbers the articles.
    case reference(String, anchor: String)
}

/// Rich text: spans in order.
public struct AnnexText: Sendable, Hashable {
    public private(set) var spans: [AnnexSpan] = []

    public init(_ spans: AnnexSpan...) { self.spans = spans }
    public init(spans: [AnnexSpan]) { self.spans = spans }

    public mutating func append(_ span: AnnexSpan) {
        if case .text(let text) = span, text.isEmpty { return }
        // Adjacent plain texts merge, so renderers see one run per stretch of text.
        if case .text(let more) = span, case .text(let last)? = spans.last {
            spans[spans.count - 1] = .text(last + more)
        } else {
            spans.append(span)
        }
    }

    public mutating func append(_ text: AnnexText) {
        for span in text.spans { append(span) }
    }

    public var isEmpty: Bool { spans.isEmpty }

    /// The words without markup; footnote references left out.
    public var plain: String {
        spans.map { span in
            switch span {
            case .text(let text), .emphasis(let text), .strong(let text), .code(let text), .link(let text), .reference(let text, _): text
            case .footnote: ""
            }
        }.joined()
    }

    /// Whether the span at `index` is a footnote reference right after another one.
    public func followsFootnote(_ index: Int) -> Bool {
        guard index > 0, case .footnote = spans[index], case .footnote = spans[index - 1] else { return false }
        return true
    }

    public var footnotes: [Int] {
        spans.compactMap { if case .footnote(let number) = $0 { number } else { nil } }
    }
}

/// A heading: `level` 1 for an article or a section, 2 for an activity within an article.
/// Numbered headings carry their number (`[2]` is article 2, `[2, 1]` is 2.1).
public struct AnnexHeading: Sendable, Hashable {
    public let level: Int
    public let number: [Int]?
    public let text: String
    /// A stable anchor for links within the document (`art-2-1`, `parties`).
    public let anchor: String
}

public struct AnnexTable: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A table of facts.
        case data
        /// Signature lines: tall, empty cells to sign in.
        case signatures
    }
    public let kind: Kind
    /// A short description of the table (HTML `caption`, the table's title in DOCX).
    public let caption: String
    public let header: [String]
    public let rows: [[AnnexText]]
    /// Relative column widths.
    public let weights: [Int]
    /// Whether the first cell of each row names the row (HTML `th scope="row"`).
    public let rowHeaders: Bool
}

public enum AnnexBlock: Sendable, Hashable {
    case heading(AnnexHeading)
    /// An unnumbered paragraph (an introduction).
    case paragraph(AnnexText)
    /// A numbered clause: `[1, 2]` is clause 1.2, `[2, 1, 3]` is clause 2.1.3.
    case clause(number: [Int], text: AnnexText)
    /// Items of the clause before, lettered (a), (b), …
    case items([AnnexText])
    /// An unnumbered list (the list of sources).
    case list([AnnexText])
    case table(AnnexTable)
}

/// Document properties, for DOCX `docProps/core.xml` and the HTML `<title>`.
public struct AnnexProperties: Sendable, Hashable {
    public let title: String
    public let subject: String
    public let keywords: String
    /// The date the document states the law of (the as-of date): also its creation date,
    /// so the file's bytes follow from the evaluation alone.
    public let date: DateValue
}

/// The safeguards annex to a cooperation agreement, built from one evaluation in one
/// language: every format (Markdown, HTML, DOCX) renders this one value, so they say the
/// same things, clause for clause and footnote for footnote.
public struct AnnexDocument: Sendable {
    public let language: Language
    /// BCP 47 tag of the language (`nl-NL`, `en-GB`).
    public var languageTag: String { language == .nl ? "nl-NL" : "en-GB" }
    public let title: String
    public let subtitle: String
    /// The particulars of the assessment (the plan, region, dates, rule set).
    public let particulars: AnnexTable
    public let body: [AnnexBlock]
    /// Footnote texts; footnote N is `footnotes[N - 1]`.
    public let footnotes: [AnnexText]
    /// The review note: who made the annex, on which rules and law, and that a lawyer reviews
    /// it before signature. It stands on the cover page (below the title), read before signing.
    public let footer: String
    public let properties: AnnexProperties
    /// Words the renderers need around the text: the heading of the notes, the label of a
    /// footnote reference and of the link back to the text (HTML), the page number (DOCX).
    public let notesHeading: String
    public let footnoteLabel: [PhrasePiece]
    public let backToText: String
    public let pageNumber: [PhrasePiece]
}

/// Clause and heading numbers as they are printed; DOCX numbering produces the same.
enum AnnexNumbering {
    static func heading(_ number: [Int]) -> String {
        number.count == 1 ? "\(number[0])." : number.map(String.init).joined(separator: ".")
    }

    static func clause(_ number: [Int]) -> String {
        number.map(String.init).joined(separator: ".")
    }

    /// a, b, …, z, aa, bb, …: Word's `lowerLetter` sequence.
    static func letter(_ index: Int) -> String {
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        return String(repeating: String(letters[index % 26]), count: index / 26 + 1)
    }

    static func anchor(_ number: [Int]) -> String {
        "art-" + number.map(String.init).joined(separator: "-")
    }
}
