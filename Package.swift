// swift-tools-version:6.0
// Waarborg: a competition-law compliance checker for regional cooperation in Dutch healthcare.
// The pipeline is one target per stage, and dependencies point one way:
// Syntax -> Model -> Engine -> Lint -> Report -> CLI.
import PackageDescription

let package = Package(
    name: "Waarborg",
    products: [
        .executable(name: "waarborg", targets: ["waarborg"]),
        .library(name: "WaarborgEngine", targets: ["WaarborgEngine"]),
    ],
    targets: [
        .target(name: "WaarborgSyntax"),
        .target(name: "WaarborgModel", dependencies: ["WaarborgSyntax"]),
        .target(name: "WaarborgEngine", dependencies: ["WaarborgModel"]),
        .target(name: "WaarborgLint", dependencies: ["WaarborgEngine"]),
        .target(name: "WaarborgReport", dependencies: ["WaarborgEngine", "WaarborgLint"]),
        .target(name: "WaarborgCLI", dependencies: ["WaarborgReport", "WaarborgLint"]),
        .executableTarget(name: "waarborg", dependencies: ["WaarborgCLI"]),
        // Seeded generators of rule sets and activities, for the bench and the generated tests (never the product).
        .target(name: "WaarborgGenerators", dependencies: ["WaarborgModel"]),
        .executableTarget(
            name: "waarborg-bench", dependencies: ["WaarborgReport", "WaarborgEngine", "WaarborgModel", "WaarborgSyntax", "WaarborgGenerators"]),
        .testTarget(name: "WaarborgSyntaxTests", dependencies: ["WaarborgSyntax"]),
        .testTarget(name: "WaarborgModelTests", dependencies: ["WaarborgModel", "WaarborgSyntax"]),
        .testTarget(name: "WaarborgEngineTests", dependencies: ["WaarborgEngine", "WaarborgModel", "WaarborgSyntax", "WaarborgGenerators"]),
        .testTarget(name: "WaarborgLintTests", dependencies: ["WaarborgLint", "WaarborgEngine", "WaarborgModel", "WaarborgSyntax"]),
        .testTarget(name: "WaarborgReportTests", dependencies: ["WaarborgReport", "WaarborgEngine", "WaarborgModel", "WaarborgSyntax"]),
        .testTarget(
            name: "WaarborgCLITests",
            dependencies: ["WaarborgCLI", "WaarborgReport", "WaarborgLint", "WaarborgEngine", "WaarborgModel", "WaarborgSyntax", "WaarborgGenerators"],
            // The golden outputs are read from the checkout by path, not as bundle resources.
            exclude: ["Golden"]),
    ]
)
