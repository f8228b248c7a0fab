import Testing
@Test func MetricsPlaceholder() { #expect(Bool(true)) }
