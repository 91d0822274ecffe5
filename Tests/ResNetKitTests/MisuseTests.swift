import ResNetKit
import ResNetKitTestSupport
import Testing

// Each body runs in a child process that must stop; its standard error is captured, and the
// fatal-error line must say which layer failed and with which shapes, since that line is all a
// reader of a crashed lesson sees.
@Suite("Misuse stops with a message that names the layer and the shapes")
struct MisuseTests {
    @Test("A convolution inside a network given the wrong channel count names its path and both shapes")
    func convolutionChannels() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let model = ResNet(block: .basic, blockCounts: [1, 1, 1, 1], classCount: 10, width: 4)
            // layer2 expects layer1's 4 channels; 3 is the image's.
            _ = model.layer2(Tensor.zeros([1, 3, 8, 8]))
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("'layer2.0.conv1'"), "\(message)")
        #expect(message.contains("[N, 4, H, W]"), "\(message)")
        #expect(message.contains("[1, 3, 8, 8]"), "\(message)")
    }

    @Test("A one-channel image fed to a three-channel network stops at the stem, named")
    func stemChannels() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = CIFARResNet(depth: 8, width: 4)(Tensor.zeros([2, 1, 28, 28]))
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("'conv1'"), "\(message)")
        #expect(message.contains("[N, 3, H, W]"), "\(message)")
        #expect(message.contains("[2, 1, 28, 28]"), "\(message)")
    }

    @Test("A linear layer given the wrong feature count names its path and both shapes")
    func linearFeatures() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let model = ResNet(block: .basic, blockCounts: [1, 1, 1, 1], classCount: 10, width: 4)
            // The classifier takes layer4's 32 channels.
            _ = model.fc(Tensor.zeros([2, 7]))
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("'fc'"), "\(message)")
        #expect(message.contains("[N, 32]"), "\(message)")
        #expect(message.contains("[2, 7]"), "\(message)")
    }

    @Test("Shapes that cannot broadcast are both named, with the operation")
    func broadcasting() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) * Tensor.zeros([4])
        }
        let message = try #require(fatalErrorMessage(result))
        #expect(message.contains("Tensor *: shapes [2, 3] and [4] cannot be broadcast"), "\(message)")
    }
}
