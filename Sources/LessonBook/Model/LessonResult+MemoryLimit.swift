extension LessonResult {
    /// Whether the lesson's program was stopped for going over its memory limit.
    public var hitMemoryLimit: Bool {
        let diagnostics = self.diagnostics + cells.flatMap { cell in
            cell.outputs.compactMap { if case .diagnostic(let diagnostic) = $0 { diagnostic } else { nil } }
        }
        return diagnostics.contains { $0.severity == .error && $0.message.hasPrefix(ProgramRunner.memoryMessagePrefix) }
    }
}
