extension ConvolutionGeometry {
    /// Images per GEMM: enough to make the matrix product large, few enough that the column
    /// buffer stays under about 64 MB.
    func imagesPerChunk(total: Int) -> Int {
        let perImage = Swift.max(1, patchSize * outputPlane)
        return Swift.max(1, Swift.min(total, (16 << 20) / perImage))
    }

    /// Convolves `images` images: `output[n, o, :] = weight[o, :] · columns(input[n])`.
    ///
    /// A pointwise convolution multiplies each image directly; otherwise a chunk of images is
    /// unfolded side by side into one `[patchSize, chunk · outputPlane]` matrix so a single
    /// large GEMM serves the chunk, and the `[O, chunk · plane]` result is scattered back to NCHW.
    func forward(
        images: Int, outputChannels o: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        output: UnsafeMutablePointer<Float>
    ) {
        let imageSize = channels * inputPlane
        if isPointwise {
            for image in 0..<images {
                BLAS.gemm(
                    transposeA: false, transposeB: false, m: o, n: outputPlane, k: patchSize,
                    a: weight, lda: patchSize, b: input + image * imageSize, ldb: outputPlane,
                    c: output + image * o * outputPlane, ldc: outputPlane)
            }
            return
        }
        let chunk = imagesPerChunk(total: images)
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * chunk * outputPlane)
        let product = UnsafeMutablePointer<Float>.allocate(capacity: o * chunk * outputPlane)
        defer {
            columns.deallocate()
            product.deallocate()
        }
        var first = 0
        while first < images {
            let count = Swift.min(chunk, images - first)
            let width = count * outputPlane
            for k in 0..<count {
                im2col(input + (first + k) * imageSize, into: columns + k * outputPlane, rowStride: width)
            }
            BLAS.gemm(
                transposeA: false, transposeB: false, m: o, n: width, k: patchSize,
                a: weight, lda: patchSize, b: columns, ldb: width, c: product, ldc: width)
            for k in 0..<count {
                for channel in 0..<o {
                    (output + ((first + k) * o + channel) * outputPlane)
                        .update(from: product + channel * width + k * outputPlane, count: outputPlane)
                }
            }
            first += count
        }
    }

    /// Gradients of ``forward(images:outputChannels:input:weight:output:)``: adds into
    /// `weightGradient` and writes `inputGradient` (each skipped when `nil`).
    func backward(
        images: Int, outputChannels o: Int, input: UnsafePointer<Float>, weight: UnsafePointer<Float>,
        outputGradient: UnsafePointer<Float>, inputGradient: UnsafeMutablePointer<Float>?,
        weightGradient: UnsafeMutablePointer<Float>?
    ) {
        let imageSize = channels * inputPlane
        if isPointwise {
            for image in 0..<images {
                let gradOut = outputGradient + image * o * outputPlane
                if let weightGradient {
                    BLAS.gemm(
                        transposeA: false, transposeB: true, m: o, n: patchSize, k: outputPlane,
                        a: gradOut, lda: outputPlane, b: input + image * imageSize, ldb: outputPlane,
                        beta: 1, c: weightGradient, ldc: patchSize)
                }
                if let inputGradient {
                    BLAS.gemm(
                        transposeA: true, transposeB: false, m: patchSize, n: outputPlane, k: o,
                        a: weight, lda: patchSize, b: gradOut, ldb: outputPlane,
                        c: inputGradient + image * imageSize, ldc: outputPlane)
                }
            }
            return
        }
        let chunk = imagesPerChunk(total: images)
        let columns = UnsafeMutablePointer<Float>.allocate(capacity: patchSize * chunk * outputPlane)
        let gathered = UnsafeMutablePointer<Float>.allocate(capacity: o * chunk * outputPlane)
        defer {
            columns.deallocate()
            gathered.deallocate()
        }
        var first = 0
        while first < images {
            let count = Swift.min(chunk, images - first)
            let width = count * outputPlane
            // The output gradient as one [O, count · plane] matrix, the layout of the forward GEMM.
            for k in 0..<count {
                for channel in 0..<o {
                    (gathered + channel * width + k * outputPlane)
                        .update(from: outputGradient + ((first + k) * o + channel) * outputPlane, count: outputPlane)
                }
            }
            if let weightGradient {
                for k in 0..<count {
                    im2col(input + (first + k) * imageSize, into: columns + k * outputPlane, rowStride: width)
                }
                BLAS.gemm(
                    transposeA: false, transposeB: true, m: o, n: patchSize, k: width,
                    a: gathered, lda: width, b: columns, ldb: width, beta: 1, c: weightGradient, ldc: patchSize)
            }
            if let inputGradient {
                BLAS.gemm(
                    transposeA: true, transposeB: false, m: patchSize, n: width, k: o,
                    a: weight, lda: patchSize, b: gathered, ldb: width, c: columns, ldc: width)
                for k in 0..<count {
                    col2imAdding(columns + k * outputPlane, into: inputGradient + (first + k) * imageSize, rowStride: width)
                }
            }
            first += count
        }
    }
}
