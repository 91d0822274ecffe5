import Crypto
import SourceHashing

/// The engine's digest is swift-crypto's SHA-256; cache keys, page hashes and the site's file
/// digests are its lowercase hex (the field and hex helpers live in `SourceHashing`, shared
/// with the experiments).
typealias SHA256 = Crypto.SHA256
