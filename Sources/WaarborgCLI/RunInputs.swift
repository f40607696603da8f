import Foundation
import WaarborgSyntax

/// The files one run has read (plans, answers, rule files, the baseline), by device and
/// inode, so that no output of the same run can be written over one of them:
/// `check PLAN --output PLAN` would otherwise replace the plan with its report, and
/// `--output rules/groups.wbr` a rule file. Identity, not the path as written, decides:
/// `./plan.wbp`, a symbolic link or a hard link to the plan are the same file.
final class RunInputs: @unchecked Sendable {
    private struct Identity: Hashable {
        let device: UInt64
        let inode: UInt64
    }

    private let lock = NSLock()
    private var read: [Identity: (path: String, what: Bilingual)] = [:]

    /// - Parameter what: what the file is, as `FileAccess.What` names it ("het plan").
    func record(_ status: stat, path: String, what: Bilingual) {
        let identity = Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))
        lock.lock()
        defer { lock.unlock() }
        if read[identity] == nil { read[identity] = (path, what) }
    }

    /// The input that is the file `status` describes, if any: what it is and the path it was read as.
    func input(matching status: stat) -> (path: String, what: Bilingual)? {
        lock.lock()
        defer { lock.unlock() }
        return read[Identity(device: UInt64(status.st_dev), inode: UInt64(status.st_ino))]
    }
}
