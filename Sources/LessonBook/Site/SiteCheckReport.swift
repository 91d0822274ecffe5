/// The answer of `lesson build --check`: whether the site on disk is what the current sources
/// produce, and if not, which pages and files are out of date.
struct SiteCheckReport: Hashable, Sendable {
    /// The folder has no manifest: no site was built there.
    var siteMissing: Bool
    /// Pages whose lesson's inputs changed since they were written.
    var stalePages: [String]
    /// Pages whose results still stand but whose prose or renderer changed: a build re-renders
    /// them without running anything.
    var outdatedPages: [String]
    /// Pages the current lessons need that the site lacks.
    var missingPages: [String]
    /// Pages the site has for lessons that no longer exist.
    var extraPages: [String]
    /// Whether the lessons are in another order than the site's contents.
    var orderChanged: Bool
    /// Files whose bytes differ from the manifest, or that are gone (edited or damaged by hand).
    var modifiedFiles: [String]
    /// Files in the folder that the manifest does not list.
    var unexpectedFiles: [String]
    /// Assets (stylesheet, script, KaTeX) that this version of the book would write differently.
    var outdatedAssets: [String]

    /// Whether the site is exactly what the current sources produce.
    var isUpToDate: Bool {
        !siteMissing && stalePages.isEmpty && outdatedPages.isEmpty && missingPages.isEmpty && extraPages.isEmpty && !orderChanged
            && modifiedFiles.isEmpty && unexpectedFiles.isEmpty && outdatedAssets.isEmpty
    }

    /// A report for a folder without a site.
    static var missingSite: SiteCheckReport {
        SiteCheckReport(
            siteMissing: true, stalePages: [], outdatedPages: [], missingPages: [], extraPages: [], orderChanged: false,
            modifiedFiles: [], unexpectedFiles: [], outdatedAssets: [])
    }

    /// What is wrong, one line per item, or a line saying the site is current.
    var text: String {
        if siteMissing { return "No site has been built there (no \(SiteManifest.fileName)); run `lesson build`." }
        if isUpToDate { return "The site is up to date." }
        var lines: [String] = []
        lines += stalePages.map { "stale: \($0) (its cells, the library or the toolchain changed)" }
        lines += outdatedPages.map { "outdated: \($0) (its prose or the renderer changed)" }
        lines += missingPages.map { "missing: \($0) (a lesson without a page)" }
        lines += extraPages.map { "extra: \($0) (its lesson is gone)" }
        if orderChanged { lines.append("the lessons' order differs from the contents page") }
        lines += modifiedFiles.map { "modified: \($0) (differs from what the build wrote)" }
        lines += unexpectedFiles.map { "unexpected: \($0) (not written by the build)" }
        lines += outdatedAssets.map { "outdated asset: \($0)" }
        lines.append("Run `lesson build` to bring the site up to date.")
        return lines.joined(separator: "\n")
    }
}
