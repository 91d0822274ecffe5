/// Where `lesson build` gets lesson results from: the engine, which runs what changed and can
/// say what each lesson's input hash is now without running anything.
package protocol SiteResultSource: Sendable {
    /// Every lesson's result in book order, running only lessons whose inputs changed unless
    /// `force` is set.
    func siteResults(force: Bool) throws -> [LessonResult]

    /// Every lesson's page and current input hash in book order, computed without running.
    func siteExpectations() throws -> [SiteExpectation]
}
