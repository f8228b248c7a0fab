import Testing
@Test func SynthesisPlaceholder() { #expect(Bool(true)) }
