// Cells import LessonRuntime and get the library with it.
@_exported import ResNetKit
