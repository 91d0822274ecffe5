import Foundation
import ResNetKit
import Testing

@Suite("JSON lines")
struct JSONLineTests {
    @Test("Fields keep their order and strings are escaped as JSON")
    func orderAndEscaping() throws {
        var line = JSONLine()
        line.add("model", "res\"net\\18\n/")
        line.add("batch", 8)
        line.add("forward_ms", 1.23456, decimals: 3)
        line.add("loss", Float.nan)
        #expect(line.text == #"{"model": "res\"net\\18\n/", "batch": 8, "forward_ms": 1.235, "loss": null}"#)
        let decoded = try JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any]
        #expect(decoded?["model"] as? String == "res\"net\\18\n/")
    }
}
