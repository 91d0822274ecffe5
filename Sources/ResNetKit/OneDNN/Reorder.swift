internal import CDNNL

/// Copies values from one layout into another with oneDNN's reorder primitive.
enum Reorder {
    private struct Key: Hashable, Sendable {
        let source: MemoryFormat
        let destination: MemoryFormat
    }

    private static let cache = PrimitiveCache<Key, Primitive>()

    /// Writes the values of `source` (laid out as `sourceFormat`) into `destination` as
    /// `destinationFormat`; both formats describe the same number of elements.
    static func run(from source: AlignedBuffer, format sourceFormat: MemoryFormat, to destination: AlignedBuffer, format destinationFormat: MemoryFormat) {
        require(
            sourceFormat.elementCount == destinationFormat.elementCount,
            "Cannot reorder \(sourceFormat) into \(destinationFormat)")
        // A reorder is defined between descriptors of the same dimensions; a reshaped tensor
        // read in another shape goes through its plain layout, which is the same bytes.
        var sourceFormat = sourceFormat
        if sourceFormat.dimensions != destinationFormat.dimensions {
            require(sourceFormat.isPlain, "Cannot reorder \(sourceFormat) into \(destinationFormat)")
            sourceFormat = destinationFormat.plainEquivalent
        }
        if sourceFormat == destinationFormat {
            destination.base.update(from: source.base, count: sourceFormat.storageCount)
            return
        }
        let primitive = cache.value(for: Key(source: sourceFormat, destination: destinationFormat)) {
            var pd: dnnl_primitive_desc_t?
            var sourceMD = sourceFormat.descriptor
            var destinationMD = destinationFormat.descriptor
            DNNL.check(
                dnnl_reorder_primitive_desc_create(&pd, &sourceMD, DNNL.engine, &destinationMD, DNNL.engine, nil),
                "choosing a reorder from \(sourceFormat) to \(destinationFormat)")
            return Primitive(name: "reorder", descriptor: pd!)
        }
        primitive.execute([
            .init(index: DNNL_ARG_FROM, buffer: source, format: sourceFormat),
            .init(index: DNNL_ARG_TO, buffer: destination, format: destinationFormat),
        ])
    }
}
