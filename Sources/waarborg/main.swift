import Foundation
import WaarborgCLI

// The only place that exits; everything else returns values.
let code = WaarborgCLI.run(
    Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
    console: ProcessConsole())
exit(code)
