/// Every model the library builds by name, for the benchmark and for lessons that loop over them.
public enum ModelCatalog {
    /// The names accepted by ``makeModel(named:classCount:inputChannels:seed:)``.
    public static let names: [String] = [
        "resnet18", "resnet34", "resnet50", "resnet101", "resnet152",
        "resnet20", "resnet32", "resnet44", "resnet56", "resnet110",
        "plain20", "plain32", "plain44", "plain56", "plain110",
    ]

    /// Builds a model by name: `resnet18` … `resnet152` (ImageNet), `resnet20` … `resnet110`
    /// (CIFAR, option A) and `plain20` … `plain110` (their plain twins, with BN).
    public static func makeModel(named name: String, classCount: Int? = nil, inputChannels: Int = 3, seed: UInt64 = 0) throws -> Module {
        switch name {
        case "resnet18": return ResNet.resnet18(classCount: classCount ?? 1000, inputChannels: inputChannels, seed: seed)
        case "resnet34": return ResNet.resnet34(classCount: classCount ?? 1000, inputChannels: inputChannels, seed: seed)
        case "resnet50": return ResNet.resnet50(classCount: classCount ?? 1000, inputChannels: inputChannels, seed: seed)
        case "resnet101": return ResNet.resnet101(classCount: classCount ?? 1000, inputChannels: inputChannels, seed: seed)
        case "resnet152": return ResNet.resnet152(classCount: classCount ?? 1000, inputChannels: inputChannels, seed: seed)
        default:
            for (prefix, residual) in [("resnet", true), ("plain", false)] where name.hasPrefix(prefix) {
                if let depth = Int(name.dropFirst(prefix.count)), [20, 32, 44, 56, 110].contains(depth) {
                    return CIFARResNet(
                        depth: depth, classCount: classCount ?? 10, inputChannels: inputChannels, residual: residual, seed: seed)
                }
            }
            throw ResNetKitError.unknownModel(name: name, known: names)
        }
    }

    /// Whether `name` is one of the ImageNet models (224x224 input) rather than a CIFAR one.
    public static func isImageNetModel(_ name: String) -> Bool {
        ["resnet18", "resnet34", "resnet50", "resnet101", "resnet152"].contains(name)
    }
}
