// swift-tools-version:6.0
import PackageDescription

// The numeric kernels run on every lesson, in tests and from `swift run lesson 3`, which are
// debug builds; an unoptimised tensor loop is two orders of magnitude slower, so the library
// targets are optimised in every configuration.
let optimisedInDebug: [SwiftSetting] = [
    .unsafeFlags(["-O"], .when(configuration: .debug)),
]

// Linux only (Debian): the engine reads /proc and glibc's signal fields, the libraries come from
// Debian's packages (OpenBLAS, cmark-gfm, zlib, KaTeX), and the runtime uses Synchronization's
// Mutex; no Apple platform is declared because none is built or tested.
let package = Package(
    name: "ResNetLessons",
    products: [
        .library(name: "ResNetKit", type: .dynamic, targets: ["ResNetKit"]),
        .library(name: "LessonRuntime", type: .dynamic, targets: ["LessonRuntime"]),
        .executable(name: "lesson", targets: ["lesson"]),
        .executable(name: "resnet-bench", targets: ["resnet-bench"]),
        .executable(name: "experiment", targets: ["experiment"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        // The preview server of `lesson serve` (HTTP and a WebSocket for live reload): no SwiftNIO,
        // so it adds seconds to a first build rather than minutes.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.0"),
    ],
    targets: [
        // MARK: C libraries from Debian

        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // oneDNN ships no pkg-config file in Debian: its module map links "dnnl" by name.
        .systemLibrary(
            name: "CDNNL",
            providers: [.apt(["libdnnl-dev"])]
        ),
        // glibc extensions that Swift's Glibc module leaves out (spawn, rename); no library to link.
        .systemLibrary(name: "CGlibcExtensions"),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),

        // MARK: The library the lessons teach with

        .target(
            name: "ResNetKit",
            dependencies: ["CDNNL", "COpenBLAS", "CZlib"],
            swiftSettings: optimisedInDebug
        ),
        .target(
            name: "LessonRuntime",
            dependencies: ["ResNetKit"],
            swiftSettings: optimisedInDebug
        ),

        // Hashes of the package's own sources: the engine's cache keys and the experiments'
        // provenance come from the same code.
        .target(
            name: "SourceHashing",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),

        // MARK: Long experiments

        .target(
            name: "Experiments",
            dependencies: ["ResNetKit", "SourceHashing"],
            swiftSettings: optimisedInDebug
        ),
        .executableTarget(
            name: "experiment",
            dependencies: [
                "Experiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimisedInDebug
        ),

        // MARK: The engine and its front ends

        .target(
            name: "LessonBook",
            dependencies: [
                "CCmarkGFM",
                "CGlibcExtensions",
                "LessonRuntime",
                "SourceHashing",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftSyntaxBuilder", package: "swift-syntax"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "FlyingFox", package: "FlyingFox"),
            ],
            resources: [.copy("Resources/book.css"), .copy("Resources/book.js"), .copy("Resources/search.js")]
        ),
        .executableTarget(
            name: "lesson",
            dependencies: [
                "LessonBook",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "resnet-bench",
            dependencies: [
                "ResNetKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: optimisedInDebug
        ),
        // MARK: Tests

        .target(
            name: "ResNetKitTestSupport",
            dependencies: ["ResNetKit"],
            path: "Tests/ResNetKitTestSupport"
        ),
        .testTarget(
            name: "ResNetKitTests",
            dependencies: ["ResNetKit", "ResNetKitTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "ExperimentsTests",
            dependencies: ["Experiments", "ResNetKit", "SourceHashing", "ResNetKitTestSupport"]
        ),
        .testTarget(
            name: "LessonBookTests",
            dependencies: [
                "LessonBook", "LessonRuntime", "ResNetKitTestSupport",
                .product(name: "SwiftParser", package: "swift-syntax"),
                .product(name: "SwiftSyntax", package: "swift-syntax"),
            ],
            resources: [.copy("Inputs")]
        ),
    ]
)
