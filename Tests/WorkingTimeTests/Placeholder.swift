import Testing
@Test func WorkingTimePlaceholder() { #expect(Bool(true)) }
