import Testing
@Test func TargetsPlaceholder() { #expect(Bool(true)) }
