import ResNetKit
