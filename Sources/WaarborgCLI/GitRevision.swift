import Foundation
import WaarborgSyntax

/// The rule files of a folder as they stand at a git revision (`HEAD`, `main`, a commit),
/// read with the `git` program, without touching the working tree. `waarborg impact`
/// compares a revision's rules with the working tree's; `waarborg test` reads the last
/// commit's parameters to say which one changed when an example fails.
enum GitRevision {
    /// The `.wbr` files under `directory` at `revision`, named `REVISION:path` so a
    /// diagnostic says which version it is about; nil and a diagnostic when git cannot
    /// give them (no git, not a repository, an unknown revision, no rule files there).
    static func ruleFiles(in directory: String, at revision: String) -> Result<[SourceFile], Diagnostic> {
        let listing: String
        switch git(["ls-tree", "-r", "--name-only", revision, "--", "."], in: directory) {
        case .success(let output): listing = output
        case .failure(let failure):
            return .failure(.error(
                "WB620", "cannot read the rules of `\(revision)` in this folder with git: \(failure.text.en); give a revision git knows (`HEAD`, `main`, a commit) or a folder of rule files",
                nl: "kan de regels van `\(revision)` in deze map niet lezen met git: \(failure.text.nl); geef een revisie die git kent (`HEAD`, `main`, een commit) of een map met regelbestanden",
                file: directory))
        }
        let paths = listing.split(separator: "\n").map(String.init).filter { $0.hasSuffix(".wbr") }.sorted()
        guard !paths.isEmpty else {
            return .failure(.error(
                "WB621", "the folder holds no .wbr rule files at `\(revision)`", nl: "de map bevat geen .wbr-regelbestanden bij `\(revision)`", file: directory))
        }
        var files: [SourceFile] = []
        for path in paths {
            switch gitBytes(["show", "\(revision):./\(path)"], in: directory) {
            case .success(let bytes):
                files.append(SourceFile(path: shownFolder(directory, at: revision) + "/" + path, bytes: bytes))
            case .failure(let failure):
                return .failure(.error(
                    "WB620", "cannot read the file of `\(revision)` with git: \(failure.text.en)",
                    nl: "kan het bestand van `\(revision)` niet lezen met git: \(failure.text.nl)", file: shownFolder(directory, at: revision) + "/" + path))
            }
        }
        return .success(files)
    }

    /// How the files of `directory` at `revision` are named (`REVISION:directory`): the
    /// folder their names in the rules' digest are relative to.
    static func shownFolder(_ directory: String, at revision: String) -> String {
        "\(revision):" + (directory.hasSuffix("/") && directory.count > 1 ? String(directory.dropLast()) : directory)
    }

    /// Whether `directory` is inside a git working tree (and git is installed).
    static func isRepository(_ directory: String) -> Bool {
        if case .success(let output) = git(["rev-parse", "--is-inside-work-tree"], in: directory) {
            return output.hasPrefix("true")
        }
        return false
    }

    private static func git(_ arguments: [String], in directory: String) -> Result<String, GitFailure> {
        gitBytes(arguments, in: directory).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs git in `directory`; its standard output, or its first line of errors.
    private static func gitBytes(_ arguments: [String], in directory: String) -> Result<[UInt8], GitFailure> {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            return .failure(GitFailure(Bilingual(
                "git cannot be started (\(error.localizedDescription))", nl: "git kan niet worden gestart (\(error.localizedDescription))")))
        }
        // Read before waiting: a large file would otherwise fill the pipe and block git.
        let bytes = output.fileHandleForReading.readDataToEndOfFile()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: message, as: UTF8.self).split(separator: "\n").first.map(String.init)
            // Git's own words are quoted as they are: no translation of ours changes them.
            return .failure(GitFailure(
                text.map(Bilingual.init(verbatim:))
                    ?? Bilingual("git failed with exit code \(process.terminationStatus)", nl: "git is mislukt met afsluitcode \(process.terminationStatus)")))
        }
        return .success([UInt8](bytes))
    }
}

/// What git said when it failed (its first line of errors, in git's words), or why git
/// could not run, in both languages.
struct GitFailure: Error {
    let text: Bilingual

    init(_ text: Bilingual) { self.text = text }
}
