#if canImport(Glibc)
    import Glibc
#endif

/// Counts quotes for the first phase of a batch: `memchr` jumps over the long quote-free
/// stretches of typical logs; when quotes are dense, eight-bytes-at-a-time (SWAR) counting
/// takes over.
enum ByteCounter {
    static func quotes(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let n = bytes.count
        var total = 0
        var i = 0
        while i < n {
            guard let hit = memchr(base + i, 0x22, n - i) else { return total }
            total += 1
            i = base.distance(to: UnsafeRawPointer(hit)) + 1
            // Dense quotes: memchr calls would cost more than a straight count.
            if total > 64 && total * 48 > i { return total + swarQuotes(base + i, n - i) }
        }
        return total
    }

    private static func swarQuotes(_ base: UnsafeRawPointer, _ n: Int) -> Int {
        var total = 0
        var i = 0
        while i + 8 <= n {
            total &+= SWAR.matches(base.loadUnaligned(fromByteOffset: i, as: UInt64.self), SWAR.quotes).nonzeroBitCount
            i += 8
        }
        while i < n {
            if base.load(fromByteOffset: i, as: UInt8.self) == 0x22 { total += 1 }
            i += 1
        }
        return total
    }
}
