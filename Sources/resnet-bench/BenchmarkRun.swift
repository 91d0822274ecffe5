import Foundation
import ResNetKit

/// One model's measurement: its size and the median times of a forward pass and a training step.
struct BenchmarkRun {
    let model: String
    let batch: Int
    let size: Int?
    let channels: Int
    let classes: Int?
    let iterations: Int
    let warmup: Int

    struct Result {
        let model: String
        let batch: Int
        let size: Int
        let parameters: Int
        let macs: Int
        let forward_ms: Double
        let train_step_ms: Double
        let implementation: String
        let threads: Int
        let peak_rss_mb: Double

        /// The fields in the documented order, which a keyed encoder would not keep; strings
        /// are escaped by JSONEncoder.
        var jsonLine: String {
            var line = JSONLine()
            line.add("model", model)
            line.add("batch", batch)
            line.add("size", size)
            line.add("parameters", parameters)
            line.add("macs", macs)
            line.add("forward_ms", forward_ms, decimals: 3)
            line.add("train_step_ms", train_step_ms, decimals: 3)
            line.add("implementation", implementation)
            line.add("threads", threads)
            line.add("peak_rss_mb", peak_rss_mb, decimals: 1)
            return line.text
        }

        var humanReadable: String {
            "\(model): batch \(batch) at \(size)x\(size), \(parameters) parameters, \(macs) multiply-adds per image: "
                + String(format: "%.1f ms forward, %.1f ms train step", forward_ms, train_step_ms)
        }
    }

    func measure() throws -> Result {
        let imageNet = ModelCatalog.isImageNetModel(model)
        let side = size ?? (imageNet ? 224 : 32)
        let classCount = classes ?? (imageNet ? 1000 : 10)
        let network = try ModelCatalog.makeModel(named: model, classCount: classCount, inputChannels: channels, seed: 0)
        let summary = ModelSummary(of: network, inputShape: [1, channels, side, side])
        var generator = RandomGenerator(seed: 1)
        let input = Tensor.normal([batch, channels, side, side], generator: &generator)
        let labels = (0..<batch).map { _ in generator.nextInt(below: classCount) }
        let optimizer = SGD(for: network, learningRate: 0.01, momentum: 0.9, weightDecay: 5e-4)

        let forward = Self.medianMilliseconds(iterations: iterations, warmup: warmup) {
            network.eval()
            withoutGradients { _ = network(input) }
        }
        let trainStep = Self.medianMilliseconds(iterations: iterations, warmup: warmup) {
            network.train()
            optimizer.zeroGradients()
            Tensor.crossEntropy(logits: network(input), labels: labels).backward()
            optimizer.step()
        }
        return Result(
            model: model, batch: batch, size: side, parameters: network.parameterCount, macs: summary.totalMultiplyAdds,
            forward_ms: forward, train_step_ms: trainStep, implementation: "resnetkit",
            threads: ThreadPolicy.computeThreads, peak_rss_mb: Self.peakResidentMegabytes())
    }

    /// The most memory this process has held resident so far (Linux reports kilobytes).
    static func peakResidentMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func medianMilliseconds(iterations: Int, warmup: Int, _ body: () -> Void) -> Double {
        for _ in 0..<warmup { body() }
        var samples: [Double] = []
        for _ in 0..<iterations {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        samples.sort()
        let middle = samples.count / 2
        let median = samples.count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2
        return (median * 1000).rounded() / 1000
    }
}
