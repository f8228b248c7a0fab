import Testing
@Test func IngestPlaceholder() { #expect(Bool(true)) }
