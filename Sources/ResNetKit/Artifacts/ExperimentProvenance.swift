/// How an experiment's artifacts were made: `provenance.json` in the artifact's folder.
///
/// Enough to judge the result (what ran, on what, for how long) and to make it again (the
/// command, the seeds, the commit and the hashes of the sources it ran on).
public struct ExperimentProvenance: Codable, Sendable, Equatable {
    /// One file of the artifact, as written.
    public struct File: Codable, Sendable, Equatable {
        /// The file name inside the artifact's folder.
        public var name: String
        /// Its size in bytes.
        public var bytes: Int
        /// Its ``ArtifactChecksum``.
        public var checksum: String

        /// Creates a file record.
        public init(name: String, bytes: Int, checksum: String) {
            self.name = name
            self.bytes = bytes
            self.checksum = checksum
        }
    }

    /// The experiment's name, which is also its folder's (`recipe`).
    public var experiment: String
    /// The command that makes the artifact again, as typed in the package's root.
    public var command: String
    /// The arguments the experiment was given, verbatim.
    public var arguments: [String]
    /// Every seed the experiment used.
    public var seeds: [UInt64]
    /// The hash of the library's sources (ResNetKit and the C module maps it imports).
    public var librarySourceHash: String
    /// The hash of the experiments' own sources (the training loops and the command).
    public var experimentSourceHash: String
    /// `swift --version`, verbatim.
    public var toolchain: String
    /// When the experiment first started (ISO 8601, UTC).
    public var started: String
    /// When it wrote its artifacts (ISO 8601, UTC).
    public var finished: String
    /// Seconds spent running, summed over every session when it was interrupted and resumed.
    public var wallSeconds: Double
    /// How many sessions saved at least one epoch (1 when it was never interrupted).
    public var sessions: Int
    /// The machine's cores.
    public var cores: Int
    /// The threads the library computed with.
    public var threads: Int
    /// The git commit of the package, if it is a git checkout.
    public var gitCommit: String?
    /// Whether the checkout had uncommitted changes.
    public var gitDirty: Bool?
    /// The artifact's files with their sizes and checksums.
    public var files: [File]
    /// Headline numbers (e.g. `test_accuracy`), by name.
    public var results: [String: Double]

    /// Creates a provenance record.
    public init(
        experiment: String, command: String, arguments: [String], seeds: [UInt64], librarySourceHash: String,
        experimentSourceHash: String, toolchain: String, started: String, finished: String, wallSeconds: Double,
        sessions: Int, cores: Int, threads: Int, gitCommit: String?, gitDirty: Bool?, files: [File] = [],
        results: [String: Double] = [:]
    ) {
        self.experiment = experiment
        self.command = command
        self.arguments = arguments
        self.seeds = seeds
        self.librarySourceHash = librarySourceHash
        self.experimentSourceHash = experimentSourceHash
        self.toolchain = toolchain
        self.started = started
        self.finished = finished
        self.wallSeconds = wallSeconds
        self.sessions = sessions
        self.cores = cores
        self.threads = threads
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.files = files
        self.results = results
    }

    private enum CodingKeys: String, CodingKey {
        case experiment, command, arguments, seeds
        case librarySourceHash = "library_source_hash"
        case experimentSourceHash = "experiment_source_hash"
        case toolchain, started, finished
        case wallSeconds = "wall_seconds"
        case sessions, cores, threads
        case gitCommit = "git_commit"
        case gitDirty = "git_dirty"
        case files, results
    }
}
