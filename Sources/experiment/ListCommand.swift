import ArgumentParser
import Experiments

/// `experiment list`: the experiments, and the state of their artifacts.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the experiments and whether their artifacts are current, stale or missing.")

    func run() throws {
        let root = try ExperimentContext.findPackageRoot()
        for entry in ExperimentCatalog.entries {
            let status = ExperimentCatalog.status(of: entry.name, packageRoot: root)
            print("\(entry.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(status)")
            print("             \(entry.summary)")
        }
    }
}
