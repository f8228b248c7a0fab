import Testing

@Test func ReportPlaceholder() { #expect(Bool(true)) }
