import Foundation

/// The logic of `lesson build` and `lesson build --check`, kept out of the command so it can be
/// tested with hand-made results.
package enum SiteCommand {
    /// What a command printed and whether it succeeded (exit status 0).
    package struct Outcome: Hashable, Sendable {
        /// The text for standard output.
        package var text: String
        /// Whether the command should exit 0.
        package var succeeded: Bool
    }

    /// Runs what changed, writes the site atomically, and reports what changed compared with the
    /// site it replaced. Fails when a lesson failed — after writing every page, failing ones
    /// included, so the failure can be read in the site.
    package static func build(
        source: some SiteResultSource, builder: SiteBuilder, output: URL, force: Bool
    ) throws -> Outcome {
        let results = try source.siteResults(force: force)
        let outcome = try builder.write(results: results, to: output)
        var lines = ["Wrote \(results.count) \(results.count == 1 ? "page" : "pages") and the contents to \(output.relativePath)."]
        lines.append(outcome.changes.text)
        if !outcome.failingPages.isEmpty {
            lines.append("Failing: " + outcome.failingPages.joined(separator: ", "))
        }
        return Outcome(text: lines.joined(separator: "\n"), succeeded: outcome.failingPages.isEmpty)
    }

    /// Judges whether the site at `output` is what the current sources produce, without running
    /// any lesson.
    package static func check(source: some SiteResultSource, builder: SiteBuilder, output: URL) throws -> Outcome {
        let report = try builder.check(expected: try source.siteExpectations(), siteDirectory: output)
        return Outcome(text: report.text, succeeded: report.isUpToDate)
    }
}
