import Testing

@Suite("Golden diffs")
struct GoldenDiffTests {
    @Test("A golden mismatch names the changed lines with their numbers")
    func changedLines() {
        let diff = TestSupport.lineDiff(from: "a\nb\nc\n", to: "a\nB\nc\n")
        #expect(diff == "-2: b\n+2: B")
    }

    @Test("A wholesale change is cut to the limit and says how much more there is")
    func limit() {
        let diff = TestSupport.lineDiff(from: "1\n2\n3\n", to: "x\ny\nz\n", limit: 2)
        #expect(diff.hasSuffix("… and 4 more changed lines"), "\(diff)")
    }
}
