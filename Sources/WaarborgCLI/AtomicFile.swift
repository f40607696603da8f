import Foundation
import WaarborgSyntax

/// A file written piece by piece and put in place at once: the pieces go to a temporary
/// file in the same folder, which `commit` renames over the path. A reader never sees half
/// a file, a failure leaves the old file as it was, and a large report need not be held in
/// memory whole before it is written.
final class AtomicFile {
    let path: String
    private let temporary: String
    private var descriptor: Int32
    /// The first failure; every later write is skipped and `commit` reports it.
    private var failure: String?

    private init(path: String, temporary: String, descriptor: Int32) {
        self.path = path
        self.temporary = temporary
        self.descriptor = descriptor
    }

    deinit { abandon() }

    static func create(_ path: String) -> Result<AtomicFile, Diagnostic> {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .failure(.error("WB610", "\(path): the folder \(folder) does not exist; create it first", at: nil))
        }
        let temporary = folder + "/." + url.lastPathComponent + ".tmp-\(getpid())"
        // A file rewritten in place (a draft's annex section) keeps its permissions.
        var existing = stat()
        let mode = stat(path, &existing) == 0 ? existing.st_mode & 0o7777 : 0o644
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard descriptor >= 0 else {
            return .failure(.error("WB611", "\(path): cannot write in \(folder) (read-only or no permission)", at: nil))
        }
        fchmod(descriptor, mode)
        return .success(AtomicFile(path: path, temporary: temporary, descriptor: descriptor))
    }

    func write(_ text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    func write(_ bytes: [UInt8]) { bytes.withUnsafeBytes { write($0) } }

    private func write(_ buffer: UnsafeRawBufferPointer) {
        guard failure == nil, descriptor >= 0 else { return }
        if let error = FileAccess.writeFully(buffer, to: descriptor) { failure = String(cString: strerror(error)) }
    }

    /// Puts the file in place, or returns what went wrong (the old file then stays).
    func commit() -> Diagnostic? {
        guard descriptor >= 0 else { return .error("WB611", "\(path): the file was already written or abandoned", at: nil) }
        if close(descriptor) != 0, failure == nil { failure = String(cString: strerror(errno)) }
        descriptor = -1
        if let failure {
            unlink(temporary)
            return .error("WB611", "\(path): writing failed (\(failure))", at: nil)
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            return .error("WB611", "\(path): cannot replace the file (\(reason))", at: nil)
        }
        return nil
    }

    /// Removes the temporary file without touching `path`.
    func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary)
    }
}
