import Testing
@testable import ResNetKit

/// The oneDNN convolution against a direct six-loop convolution, forward and backward, over
/// kernel sizes, strides, paddings and channel counts that exercise oneDNN's plain and blocked
/// layouts, including channel counts that do not fill a block of 16.
@Suite("Convolution kernel against a direct implementation")
struct ConvolutionKernelTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let batch, channels, outputChannels, size, kernel, stride, padding: Int
        var testDescription: String { "n\(batch) c\(channels)->\(outputChannels) \(size)px k\(kernel) s\(stride) p\(padding)" }
    }

    static let cases: [Case] = [
        Case(batch: 2, channels: 3, outputChannels: 4, size: 7, kernel: 3, stride: 1, padding: 1),
        Case(batch: 3, channels: 2, outputChannels: 5, size: 8, kernel: 3, stride: 2, padding: 1),
        Case(batch: 2, channels: 3, outputChannels: 2, size: 11, kernel: 7, stride: 2, padding: 3),
        Case(batch: 2, channels: 4, outputChannels: 6, size: 6, kernel: 1, stride: 1, padding: 0),
        Case(batch: 2, channels: 4, outputChannels: 3, size: 7, kernel: 1, stride: 2, padding: 0),
        Case(batch: 1, channels: 1, outputChannels: 1, size: 5, kernel: 5, stride: 3, padding: 2),
        Case(batch: 2, channels: 3, outputChannels: 2, size: 6, kernel: 5, stride: 1, padding: 2),
        Case(batch: 2, channels: 2, outputChannels: 2, size: 3, kernel: 3, stride: 1, padding: 1),
        Case(batch: 2, channels: 16, outputChannels: 16, size: 8, kernel: 3, stride: 1, padding: 1),
        Case(batch: 2, channels: 16, outputChannels: 32, size: 9, kernel: 3, stride: 2, padding: 1),
        Case(batch: 3, channels: 20, outputChannels: 24, size: 6, kernel: 3, stride: 1, padding: 1),
        Case(batch: 1, channels: 64, outputChannels: 64, size: 5, kernel: 1, stride: 2, padding: 0),
    ]

    /// Direct convolution: `out[n, o, y, x] = Σ w[o, c, i, j] · in[n, c, y·s − p + i, x·s − p + j]`.
    static func direct(_ input: Tensor, _ weight: Tensor, stride: Int, padding: Int) -> Tensor {
        let (n, c, h, w) = (input.shape[0], input.shape[1], input.shape[2], input.shape[3])
        let (o, k) = (weight.shape[0], weight.shape[2])
        let oh = (h + 2 * padding - k) / stride + 1
        let ow = (w + 2 * padding - k) / stride + 1
        var out = [Float](repeating: 0, count: n * o * oh * ow)
        let x = input.values, wt = weight.values
        for b in 0..<n {
            for oc in 0..<o {
                for y in 0..<oh {
                    for xx in 0..<ow {
                        var acc: Double = 0
                        for ic in 0..<c {
                            for i in 0..<k {
                                for j in 0..<k {
                                    let iy = y * stride - padding + i, ix = xx * stride - padding + j
                                    guard iy >= 0, iy < h, ix >= 0, ix < w else { continue }
                                    acc += Double(wt[((oc * c + ic) * k + i) * k + j]) * Double(x[((b * c + ic) * h + iy) * w + ix])
                                }
                            }
                        }
                        out[((b * o + oc) * oh + y) * ow + xx] = Float(acc)
                    }
                }
            }
        }
        return Tensor(shape: [n, o, oh, ow], values: out)
    }

    static func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
        zip(a.values, b.values).map { Swift.abs($0 - $1) }.max() ?? 0
    }

    @Test("Forward output equals the direct convolution", arguments: cases)
    func forward(_ c: Case) {
        var generator = RandomGenerator(seed: 7)
        let input = Tensor.normal([c.batch, c.channels, c.size, c.size], generator: &generator)
        let weight = Tensor.normal([c.outputChannels, c.channels, c.kernel, c.kernel], generator: &generator)
        let fast = Tensor.conv2d(input, weight: weight, stride: c.stride, padding: c.padding)
        let slow = Self.direct(input, weight, stride: c.stride, padding: c.padding)
        #expect(fast.shape == slow.shape)
        #expect(Self.maxDifference(fast, slow) < 1e-4)
    }

    @Test("Input and weight gradients equal those of the direct convolution's adjoint", arguments: cases)
    func backward(_ c: Case) {
        var generator = RandomGenerator(seed: 11)
        var input = Tensor.normal([c.batch, c.channels, c.size, c.size], generator: &generator)
        var weight = Tensor.normal([c.outputChannels, c.channels, c.kernel, c.kernel], generator: &generator)
        input.requiresGradient = true
        weight.requiresGradient = true
        let output = Tensor.conv2d(input, weight: weight, stride: c.stride, padding: c.padding)
        let upstream = Tensor.normal(output.shape, generator: &generator)
        (output * upstream).sum().backward()
        // The loss is linear in each argument, so each gradient entry is the loss's change when
        // that entry moves by one: compare a few entries against the direct convolution.
        let base = (Self.direct(input.detached(), weight.detached(), stride: c.stride, padding: c.padding) * upstream).sum().scalar
        for index in [0, input.count / 2, input.count - 1] {
            var values = input.values
            values[index] += 1
            let moved = (Self.direct(Tensor(shape: input.shape, values: values), weight.detached(), stride: c.stride, padding: c.padding) * upstream).sum().scalar
            #expect(Swift.abs((moved - base) - input.gradient!.values[index]) < 1e-3)
        }
        for index in [0, weight.count / 2, weight.count - 1] {
            var values = weight.values
            values[index] += 1
            let moved = (Self.direct(input.detached(), Tensor(shape: weight.shape, values: values), stride: c.stride, padding: c.padding) * upstream).sum().scalar
            #expect(Swift.abs((moved - base) - weight.gradient!.values[index]) < 1e-3)
        }
    }

    @Test("A batch computed whole equals the batch computed image by image")
    func wholeBatch() {
        var generator = RandomGenerator(seed: 3)
        let input = Tensor.normal([9, 16, 9, 9], generator: &generator)
        let weight = Tensor.normal([16, 16, 3, 3], generator: &generator)
        let whole = Tensor.conv2d(input, weight: weight, padding: 1)
        let perImage = Tensor.concatenate((0..<9).map { Tensor.conv2d(input[batch: $0..<($0 + 1)], weight: weight, padding: 1) })
        #expect(Self.maxDifference(whole, perImage) < 1e-5)
    }
}
