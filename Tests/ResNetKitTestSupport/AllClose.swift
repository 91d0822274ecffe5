import Foundation
import ResNetKit
import Testing

/// How far `actual` is from `expected`, element by element.
public struct TensorComparison: Sendable, CustomStringConvertible {
    /// The largest elementwise relative error (see ``worstRelativeError(_:_:)``).
    public var worstRelativeError: Float
    /// The flat index of the element with the largest relative error.
    public var worstIndex: Int
    /// The largest elementwise absolute difference.
    public var maximumAbsoluteError: Float
    /// How many elements break `|actual − expected| ≤ atol + rtol·|expected|`.
    public var failingElements: Int
    /// The number of elements compared.
    public var count: Int

    /// The figures in one line, for issue messages.
    public var description: String {
        "worst relative error \(worstRelativeError) at flat index \(worstIndex), "
            + "max absolute error \(maximumAbsoluteError), \(failingElements) of \(count) elements outside tolerance"
    }
}

/// Compares two tensors of the same shape with NumPy's `allclose` rule,
/// `|actual − expected| ≤ absoluteTolerance + relativeTolerance·|expected|` for every element.
///
/// - Precondition: the shapes agree (``allClose(_:_:relativeTolerance:absoluteTolerance:_:sourceLocation:)``
///   reports a shape mismatch as a test issue instead).
public func compareTensors(
    _ actual: Tensor, _ expected: Tensor, relativeTolerance: Float = 1e-5, absoluteTolerance: Float = 1e-6
) -> TensorComparison {
    precondition(actual.shape == expected.shape, "compareTensors: shapes \(actual.shape) and \(expected.shape) differ")
    let a = actual.values
    let e = expected.values
    let floor = relativeErrorFloor(e)
    var result = TensorComparison(worstRelativeError: 0, worstIndex: 0, maximumAbsoluteError: 0, failingElements: 0, count: a.count)
    for i in 0..<a.count {
        let difference = Swift.abs(a[i] - e[i])
        // NaN must fail: every comparison with NaN is false, so test for agreement, not disagreement.
        let agrees = difference <= absoluteTolerance + relativeTolerance * Swift.abs(e[i])
            || (a[i].isNaN && e[i].isNaN) || (a[i] == e[i])
        if !agrees { result.failingElements += 1 }
        let relative = a[i] == e[i] ? 0 : difference / Swift.max(Swift.abs(e[i]), floor)
        // The first NaN is the worst error and stays so.
        if !result.worstRelativeError.isNaN, relative.isNaN || relative > result.worstRelativeError {
            result.worstRelativeError = relative
            result.worstIndex = i
        }
        if difference.isNaN || difference > result.maximumAbsoluteError { result.maximumAbsoluteError = difference }
    }
    return result
}

/// The denominator below which relative errors are measured against a floor instead: a
/// thousandth of the tensor's largest magnitude (at least the smallest normal float), so
/// rounding noise on elements that cancel to almost zero does not dominate the figure.
private func relativeErrorFloor(_ expected: [Float]) -> Float {
    let largest = expected.reduce(Float(0)) { Swift.max($0, Swift.abs($1)) }
    return Swift.max(largest * 1e-3, Float.leastNormalMagnitude)
}

/// The largest elementwise relative error `|a − e| / max(|e|, floor)` of two tensors of the same
/// shape, where `floor` is a thousandth of the largest `|e|`.
public func worstRelativeError(_ actual: Tensor, _ expected: Tensor) -> Float {
    compareTensors(actual, expected).worstRelativeError
}

/// Records a test issue at the caller unless `actual` has `expected`'s shape and every element
/// satisfies `|actual − expected| ≤ absoluteTolerance + relativeTolerance·|expected|`.
///
/// The issue names the shapes, the worst relative error with its index and both values there.
/// - Returns: the worst relative error, for summaries (infinity on a shape mismatch).
@discardableResult
public func allClose(
    _ actual: Tensor, _ expected: Tensor, relativeTolerance: Float = 1e-5, absoluteTolerance: Float = 1e-6,
    _ label: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation
) -> Float {
    let prefix = label().isEmpty ? "" : "\(label()): "
    guard actual.shape == expected.shape else {
        Issue.record("\(prefix)shape \(actual.shape) differs from the expected \(expected.shape)", sourceLocation: sourceLocation)
        return .infinity
    }
    let comparison = compareTensors(actual, expected, relativeTolerance: relativeTolerance, absoluteTolerance: absoluteTolerance)
    if comparison.failingElements > 0 {
        let i = comparison.worstIndex
        let message = "\(prefix)tensors of shape \(actual.shape) differ beyond rtol \(relativeTolerance), atol \(absoluteTolerance): "
            + "\(comparison); there actual \(actual.values[i]), expected \(expected.values[i])"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
    return comparison.worstRelativeError
}

/// A folder of reference fixtures (`.safetensors` and `.json` files written by
/// `Tools/fixtures/generate.py`).
public struct FixtureDirectory: Sendable {
    /// The folder.
    public let url: URL

    /// A fixture folder at `url`; test targets pass their bundle's copy (`Bundle.module`).
    public init(url: URL) {
        self.url = url
    }

    /// The fixtures of `ResNetKitTests` in the source tree, found from this file's path; for
    /// targets that do not bundle the fixtures themselves.
    public static var sourceTree: FixtureDirectory {
        FixtureDirectory(url: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ResNetKitTests").appendingPathComponent("Fixtures"))
    }

    /// The `.safetensors` fixture called `name` (with its extension).
    public func safeTensors(_ name: String) throws -> ReferenceFixture {
        let file = try SafeTensors.readFile(contentsOf: url.appendingPathComponent(name))
        return ReferenceFixture(name: name, file: file)
    }

    /// The raw bytes of the fixture called `name`.
    public func data(_ name: String) throws -> Data {
        try Data(contentsOf: url.appendingPathComponent(name))
    }
}

/// One fixture file with lookups that fail with the missing name.
public struct ReferenceFixture: Sendable {
    /// The file name, for messages.
    public let name: String
    /// The decoded file.
    public let file: SafeTensorsFile

    /// The tensor called `key`.
    /// - Throws: ``FixtureError/missingTensor(file:name:)``.
    public func tensor(_ key: String) throws -> Tensor {
        guard let tensor = file[key] else { throw FixtureError.missingTensor(file: name, name: key) }
        return tensor
    }

    /// Every tensor whose name starts with `prefix` followed by a dot, keyed by the rest of the name.
    public func group(_ prefix: String) -> [String: Tensor] {
        var result: [String: Tensor] = [:]
        for (key, tensor) in file.entries where key.hasPrefix(prefix + ".") {
            result[String(key.dropFirst(prefix.count + 1))] = tensor
        }
        return result
    }

    /// The generator's settings: the `fixture` metadata entry parsed as a JSON object.
    public func settings() throws -> [String: Any] {
        guard let text = file.metadata["fixture"],
              let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw FixtureError.missingTensor(file: name, name: "__metadata__.fixture")
        }
        return object
    }
}

/// Why a fixture could not be used.
public enum FixtureError: Error, CustomStringConvertible {
    /// The file lacks an expected entry.
    case missingTensor(file: String, name: String)

    /// What is missing and how to fix it.
    public var description: String {
        switch self {
        case let .missingTensor(file, name): return "\(file) has no entry '\(name)'; regenerate with Tools/fixtures/generate.py"
        }
    }
}
