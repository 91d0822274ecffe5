/// What a site build did: the manifest it wrote, what changed, and which lessons failed.
public struct SiteBuildOutcome: Hashable, Sendable {
    /// The manifest now on disk.
    public var manifest: SiteManifest
    /// The differences from the site that was replaced.
    public var changes: SiteChangeReport
    /// Pages of lessons with failing checks or cells; the command exits non-zero if any.
    public var failingPages: [String]
}
