/// Counts quotes and line ends eight bytes at a time (SWAR), for the first phase of a batch.
enum ByteCounter {
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> Int {
        // High bit set exactly in the bytes of x that are zero.
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return (~(((x & low7) &+ low7) | x | low7)).nonzeroBitCount
    }

    static func count(_ bytes: UnsafeRawBufferPointer, quotes countQuotes: Bool) -> (quotes: Int, newlines: Int) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let n = bytes.count
        var quotes = 0
        var newlines = 0
        var i = 0
        let quotePattern: UInt64 = 0x2222_2222_2222_2222
        let newlinePattern: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
        while i + 8 <= n {
            let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            newlines &+= zeroBytes(word ^ newlinePattern)
            if countQuotes { quotes &+= zeroBytes(word ^ quotePattern) }
            i += 8
        }
        while i < n {
            let b = base.load(fromByteOffset: i, as: UInt8.self)
            if b == 0x0A { newlines += 1 }
            if countQuotes && b == 0x22 { quotes += 1 }
            i += 1
        }
        return (quotes, newlines)
    }
}
