import Testing
@Test func SimulationPlaceholder() { #expect(Bool(true)) }
