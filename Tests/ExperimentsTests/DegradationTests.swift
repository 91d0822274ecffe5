import Experiments
import Foundation
import ResNetKit
import Testing

@Suite("Experiments: the degradation experiment, tiny")
struct DegradationTests {
    @Test("one log per run, the first seed's weights, and the spread of every 3x3 layer of every net")
    func tinyDegradation() throws {
        let tiny = try TinyExperiment()
        defer { tiny.remove() }
        var options = DegradationExperiment.Options()
        options.nets = [.init(depth: 8, residual: false), .init(depth: 8, residual: true)]
        options.seeds = [1, 2]
        options.epochs = 2
        options.width = 2
        options.responseImages = 8
        let experiment = DegradationExperiment(options: options) { TinyExperiment.images(count: 80, seed: 1) }
        let artifact = try experiment.run(in: tiny.context("degradation"))
        let runs = ["plain-8-seed1", "resnet-8-seed1", "plain-8-seed2", "resnet-8-seed2"]
        #expect(artifact.provenance.files.map(\.name) == [
            "plain-8-seed1.jsonl", "plain-8-seed1.safetensors", "resnet-8-seed1.jsonl", "resnet-8-seed1.safetensors",
            "plain-8-seed2.jsonl", "resnet-8-seed2.jsonl", "layer-responses.json",
        ])
        for run in runs {
            let records = try artifact.records(in: "\(run).jsonl")
            #expect(records.map(\.epoch) == [1, 2] && records.allSatisfy { $0.run == run && $0.validationError != nil })
            #expect(artifact.provenance.results["\(run).train_error"] == Double("\(records[1].trainError)"))
        }
        let spreads = try artifact.decode(LayerResponseSpreads.self, from: "layer-responses.json")
        #expect(spreads.images == 8)
        #expect(spreads.runs.map(\.run) == runs)
        #expect(spreads.runs.allSatisfy { $0.layers.count == 7 && $0.layers.allSatisfy { $0.std > 0 } })
        #expect(spreads.runs[0].layers.map(\.name).prefix(3) == ["conv1", "layer1.0.conv1", "layer1.0.conv2"])
        #expect(artifact.provenance.seeds == [0, 1, 2])
    }
}
