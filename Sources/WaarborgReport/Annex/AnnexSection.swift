import WaarborgSyntax

/// The annex section of a Markdown agreement draft set against the annex Waarborg
/// generates from the draft's own `waarborg` blocks: `annex --check` shows the difference,
/// `annex --update` splices the generated annex in, leaving every other byte of the file
/// as it was.
public struct AnnexSection: Sendable {
    public let draft: MarkdownDraft
    public let section: MarkdownDraft.AnnexSection

    /// Nil when the draft marks no annex section.
    public init?(_ draft: MarkdownDraft) {
        guard let section = draft.annex else { return nil }
        self.draft = draft
        self.section = section
    }

    /// The line of the section's first content line (the one after the begin marker).
    public var firstLine: Int { section.begin.location.line + 1 }

    /// The file's line end after the begin marker, used for the lines spliced in.
    public var usesCRLF: Bool {
        let end = section.content.lowerBound
        return end >= 2 && draft.file.bytes[end - 2] == 0x0D && draft.file.bytes[end - 1] == 0x0A
    }

    /// The section as written, with line ends normalised to LF for comparison.
    public var written: String {
        let text = String(decoding: draft.file.bytes[section.content], as: UTF8.self)
        return text.replacingCRLF()
    }

    /// The difference from the written section to the generated annex; empty when equal.
    public func difference(to generated: String) -> LineDiff {
        LineDiff(old: written, new: generated)
    }

    /// The whole file with the generated annex in the section (and the byte-order mark,
    /// if the file had one).
    public func updatedFile(with generated: String) -> [UInt8] {
        var text = generated
        if !text.isEmpty, !text.hasSuffix("\n") { text += "\n" }
        if usesCRLF { text = text.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n") }
        let bytes = draft.file.bytes
        var result: [UInt8] = draft.file.hadByteOrderMark ? [0xEF, 0xBB, 0xBF] : []
        result += bytes[..<section.content.lowerBound]
        result += Array(text.utf8)
        result += bytes[section.content.upperBound...]
        return result
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        guard contains("\r\n") else { return self }
        return split(separator: "\r\n", omittingEmptySubsequences: false).joined(separator: "\n")
    }
}
