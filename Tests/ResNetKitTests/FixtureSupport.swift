import Foundation
import ResNetKit
import ResNetKitTestSupport
import Testing

extension FixtureDirectory {
    /// The fixtures copied into this test target's resource bundle.
    static let bundled = FixtureDirectory(url: Bundle.module.url(forResource: "Fixtures", withExtension: nil)!)
}

/// Compares tensors with ``allClose`` and tracks the worst relative error of a group, for the
/// summary line a fixture test prints (the numbers show how much headroom tolerances leave).
final class ErrorSummary {
    let group: String
    let relativeTolerance: Float
    let absoluteTolerance: Float
    private(set) var worst: Float = 0
    private(set) var worstLabel = ""

    init(_ group: String, relativeTolerance: Float, absoluteTolerance: Float) {
        self.group = group
        self.relativeTolerance = relativeTolerance
        self.absoluteTolerance = absoluteTolerance
    }

    /// Checks `actual` against `expected` with the group's tolerances, recording an issue at the caller.
    func check(
        _ actual: Tensor?, _ expected: Tensor, _ label: String, relativeTolerance: Float? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        guard let actual else {
            Issue.record("\(label): no tensor (a gradient that was never computed?)", sourceLocation: sourceLocation)
            return
        }
        let error = allClose(
            actual, expected, relativeTolerance: relativeTolerance ?? self.relativeTolerance,
            absoluteTolerance: absoluteTolerance, label, sourceLocation: sourceLocation)
        if error.isNaN || error > worst {
            worst = error
            worstLabel = label
        }
    }

    /// Prints the group's worst relative error.
    func report() {
        print("fixture \(group): worst relative error \(worst) (\(worstLabel))")
    }
}

extension ReferenceFixture {
    /// Integer labels stored as an I64 tensor.
    func labels(_ key: String) throws -> [Int] {
        try tensor(key).values.map { Int($0) }
    }
}

/// The mode a layer or block runs in when a fixture is recorded and replayed; the raw value is
/// the prefix of the fixture's keys (`train.output`, `eval.state`).
enum FixtureMode: String, CaseIterable, Sendable {
    /// Batch statistics, running statistics updated.
    case train
    /// Running statistics, nothing updated.
    case eval
}
