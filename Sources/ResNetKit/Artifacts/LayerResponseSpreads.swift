/// The layer-response spreads of several trained nets (He et al. 2015, figure 7), as the
/// degradation experiment stores them in `layer-responses.json`.
public struct LayerResponseSpreads: Codable, Sendable, Equatable {
    /// One layer's spread.
    public struct Layer: Codable, Sendable, Equatable {
        /// The layer's convolution, by state-dict path (`layer1.0.conv2`).
        public var name: String
        /// The standard deviation of its response (after BN, before addition and ReLU).
        public var std: Float

        /// Creates a layer's entry.
        public init(name: String, std: Float) {
            self.name = name
            self.std = std
        }
    }

    /// One trained net's layers, in forward order.
    public struct Run: Codable, Sendable, Equatable {
        /// The run's name (`plain-20-seed1`).
        public var run: String
        /// The 3x3 layers in forward order.
        public var layers: [Layer]

        /// Creates a run's entry.
        public init(run: String, layers: [Layer]) {
            self.run = run
            self.layers = layers
        }
    }

    /// How many validation images the responses were measured on.
    public var images: Int
    /// The nets, in the experiment's order.
    public var runs: [Run]

    /// Creates the spreads of several nets.
    public init(images: Int, runs: [Run]) {
        self.images = images
        self.runs = runs
    }
}
