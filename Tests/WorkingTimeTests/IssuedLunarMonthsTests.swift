import Testing

@testable import WorkingTime

/// `LunarCalendar.vietnamese` is read from `IssuedLunarMonths`; the computation it stands for
/// must give the same months, starts and labels, one by one.
@Suite struct IssuedLunarMonthsTests {
    @Test func theTableIsTheComputedCalendar() throws {
        let computed = LunarCalendar(issuedInVietnam: IssuedLunarMonths.years)
        let table = LunarCalendar.vietnamese.storage
        #expect(table.starts == computed.storage.starts)
        #expect(table.labels.count == computed.storage.labels.count)
        for (a, b) in zip(table.labels, computed.storage.labels) { #expect(a == b) }
        #expect(table.newYearIndex == computed.storage.newYearIndex)
        #expect(table.firstYear == computed.storage.firstYear)
        #expect(LunarCalendar.vietnamese.utcOffsetHours == computed.utcOffsetHours)
        // The table's contents as the computation encodes them (shown when they differ: paste
        // them into IssuedLunarMonths after a change to the calendar's rules).
        let encoded = try #require(IssuedLunarMonths.encode(computed))
        // The bits give back the computation's months: labels included, which `encode` does not
        // store but `storage` derives, one from the one before.
        let decoded = IssuedLunarMonths.storage(
            firstStart: encoded.firstStart, firstYear: encoded.firstYear, firstMonth: encoded.firstMonth,
            count: computed.storage.labels.count, bits: encoded.bits)
        #expect(decoded.starts == computed.storage.starts)
        for (a, b) in zip(decoded.labels, computed.storage.labels) { #expect(a == b) }
        #expect(encoded.firstStart == IssuedLunarMonths.firstStart)
        #expect(encoded.firstYear == IssuedLunarMonths.firstYear && encoded.firstMonth == IssuedLunarMonths.firstMonth)
        #expect(computed.storage.labels.count == IssuedLunarMonths.count)
        #expect(
            encoded.bits == IssuedLunarMonths.bits,
            "bits: \(encoded.bits.map { "0x" + String($0, radix: 16) }.joined(separator: ", "))")
    }
}
