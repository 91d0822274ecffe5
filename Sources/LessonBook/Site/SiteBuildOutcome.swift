/// What a site build did: the manifest it wrote, what changed, and which lessons failed.
struct SiteBuildOutcome: Hashable, Sendable {
    /// The manifest now on disk.
    var manifest: SiteManifest
    /// The differences from the site that was replaced.
    var changes: SiteChangeReport
    /// Pages of lessons with failing checks or cells; the command exits non-zero if any.
    var failingPages: [String]
    /// The results the pages were made from: the fresh ones, with noise-only cells replaced by
    /// the recorded ones.
    var results: [LessonResult]
}
