import Foundation

// libFuzzer entry point over ResNetKit's safetensors reader. Built by build.sh together with
// ResNetKit's sources, as one module.

/// Every input decodes or throws; nothing traps, reads out of bounds or allocates without bound.
@_cdecl("LLVMFuzzerTestOneInput")
public func safeTensorsFuzzTest(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if let file = try? SafeTensors.decode(data) {
        _ = file
    }
    return 0
}
