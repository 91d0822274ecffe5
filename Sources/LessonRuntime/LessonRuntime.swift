@_exported import ResNetKit
