/// What a page says next to a use of an experiment's artifact: what made it, when, how long it
/// took, and the command that makes it again. The runtime sends one when a cell loads an
/// artifact; the engine adds whether it is stale.
public struct ArtifactNote: Codable, Hashable, Sendable {
    /// The experiment's name (`recipe`).
    public var name: String
    /// The command that made it and makes it again.
    public var command: String
    /// When it finished (ISO 8601, UTC).
    public var finished: String
    /// Seconds it computed for.
    public var wallSeconds: Double
    /// The machine's cores and the threads it computed with.
    public var cores: Int, threads: Int
    /// The commit it was made at, and whether the tree had uncommitted changes.
    public var gitCommit: String?, gitDirty: Bool?
    /// The hashes of the sources it was made with.
    public var librarySourceHash: String, experimentSourceHash: String
    /// What changed in the sources since it was made, in words; filled in by the engine, empty
    /// when the artifact is current.
    public var staleBecause: [String]

    /// Creates a note.
    public init(
        name: String, command: String, finished: String, wallSeconds: Double, cores: Int, threads: Int, gitCommit: String?,
        gitDirty: Bool?, librarySourceHash: String, experimentSourceHash: String, staleBecause: [String] = []
    ) {
        self.name = name
        self.command = command
        self.finished = finished
        self.wallSeconds = wallSeconds
        self.cores = cores
        self.threads = threads
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.librarySourceHash = librarySourceHash
        self.experimentSourceHash = experimentSourceHash
        self.staleBecause = staleBecause
    }

    /// The note from an artifact's provenance.
    public init(_ provenance: ExperimentProvenance) {
        self.init(
            name: provenance.experiment, command: provenance.command, finished: provenance.finished,
            wallSeconds: provenance.wallSeconds, cores: provenance.cores, threads: provenance.threads,
            gitCommit: provenance.gitCommit, gitDirty: provenance.gitDirty, librarySourceHash: provenance.librarySourceHash,
            experimentSourceHash: provenance.experimentSourceHash)
    }

    /// One sentence on how the artifact was made, for the terminal and the page.
    public var sentence: String {
        let commit = gitCommit.map { " at commit \($0.prefix(10))\(gitDirty == true ? " (with uncommitted changes)" : "")" } ?? ""
        return "Artifact \(name): made by `\(command)`, finished \(finished) after \(Self.duration(wallSeconds)) on \(cores) cores (\(threads) threads)\(commit)."
    }

    /// `1 h 02 min`, `14 min 05 s` or `42 s`.
    public static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        if hours > 0 { return "\(hours) h \(String(format: "%02d", minutes)) min" }
        if minutes > 0 { return "\(minutes) min \(String(format: "%02d", rest)) s" }
        return "\(rest) s"
    }
}
