import Records
import Testing

@testable import Ingest

/// `FieldDecoder.status(code:)` reads a `TrangThaiHoSo` code without calling into `Records`: it
/// must give what `DossierStatus(rawValue:)` gives for every code, and nil outside 1-10.
@Suite struct DossierStatusCodeTests {
    @Test func everyCodeMatchesTheRawValue() {
        for code in -300...300 {
            let expected = (0...255).contains(code) ? DossierStatus(rawValue: UInt8(code)) : nil
            #expect(FieldDecoder.status(code: code) == expected, "code \(code)")
        }
        #expect((1...10).allSatisfy { FieldDecoder.status(code: $0) != nil })
    }
}
