import _ParallelSupport

#if arch(x86_64)
    import _Builtin_intrinsics.intel
#endif

/// 64-bit fingerprints of dossier ids, and the duplicate index built from them.
///
/// Two different ids share a fingerprint with probability about n²/2⁶⁵ (3·10⁻⁶ for 10 million
/// dossiers), which is the price of holding 8 bytes per dossier instead of the id text.
public enum Fingerprint {
    /// Hashes bytes eight at a time with multiply-rotate rounds and a murmur-style finalizer.
    /// (Wrapping arithmetic throughout: every index and shift is in range, and the checks the
    /// plain operators add cost more than the rounds on a 30-byte id.)
    @inline(__always)
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        guard let base = bytes.baseAddress else { return mix(h) }
        // Each step is a bijection of h for a given word, so ids that differ in one word never
        // collide; the final mix spreads every bit.
        @inline(__always) func step(_ h: inout UInt64, _ offset: Int) {
            h = rotatedLeft31(
                (h ^ base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD)
        }
        // Ids of 24 to 31 bytes (the DVCQG form `000.36.20.H26-260330-00000001` has 29): three
        // words and the tail, straight through; the same steps as the loops below.
        if UInt(bitPattern: n &- 24) < 8 {
            step(&h, 0)
            step(&h, 8)
            step(&h, 16)
            if n > 24 {
                let tail =
                    base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                    &>> UInt64(truncatingIfNeeded: 256 &- 8 &* n)
                h = (h ^ mix(tail)) &* 0xC4CE_B9FE_1A85_EC53
            }
            return mix(h)
        }
        // Two words a turn (an id of 40 bytes: two turns and one word), the same steps in order.
        var i = 0
        while i &+ 16 <= n {
            step(&h, i)
            step(&h, i &+ 8)
            i &+= 16
        }
        if i &+ 8 <= n {
            step(&h, i)
            i &+= 8
        }
        let rest = n &- i
        if rest > 0 {
            var tail: UInt64
            if n >= 8 {
                // The last eight bytes, shifted so only the `rest` (1 to 7) not hashed yet remain.
                tail =
                    base.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
                    &>> UInt64(truncatingIfNeeded: 64 &- 8 &* rest)
            } else {
                tail = 0
                var shift: UInt64 = 0
                while i < n {
                    tail |= UInt64(base.load(fromByteOffset: i, as: UInt8.self)) &<< shift
                    shift &+= 8
                    i &+= 1
                }
            }
            h = (h ^ mix(tail)) &* 0xC4CE_B9FE_1A85_EC53
        }
        return mix(h)
    }

    /// `h` rotated left by 31 bits. (On x86_64 through the compiler's own `__rolq`, one `rol`:
    /// written as two shifts after the step's multiply, the optimizer folded the left shift into
    /// a second multiply and kept an OR.)
    @inline(__always)
    static func rotatedLeft31(_ h: UInt64) -> UInt64 {
        #if arch(x86_64)
            return __rolq(h, 31)
        #else
            return portableRotatedLeft31(h)
        #endif
    }

    /// `rotatedLeft31` as two shifts (other processors, and the test that compares the two).
    @inline(__always)
    static func portableRotatedLeft31(_ h: UInt64) -> UInt64 { (h &<< 31) | (h &>> 33) }

    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k &>> 33
        k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k &>> 33
        k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k &>> 33
        return k
    }

    /// Sorts fingerprints in place: one in-place radix pass on the top byte, then the 256
    /// buckets sorted in parallel. No second array, so the index stays at 8 bytes a dossier.
    public static func sortInPlace(_ values: inout [UInt64], workers: Int) {
        guard values.count > 1 else { return }
        var counts = [Int](repeating: 0, count: 256)
        for v in values { counts[Int(v >> 56)] += 1 }
        var starts = [Int](repeating: 0, count: 257)
        for b in 0..<256 { starts[b + 1] = starts[b] + counts[b] }
        var next = Array(starts[0..<256])
        values.withUnsafeMutableBufferPointer { buffer in
            // American flag sort: cycle each misplaced value to its bucket.
            for bucket in 0..<256 {
                let end = starts[bucket + 1]
                while next[bucket] < end {
                    var v = buffer[next[bucket]]
                    var target = Int(v >> 56)
                    while target != bucket {
                        swap(&v, &buffer[next[target]])
                        next[target] += 1
                        target = Int(v >> 56)
                    }
                    buffer[next[bucket]] = v
                    next[bucket] += 1
                }
            }
            let shared = SendableBuffer(buffer)
            let bounds = starts
            let lanes = max(1, min(workers, 256))
            forEachIndex(lanes, workers: lanes) { lane in
                var bucket = lane
                while bucket < 256 {
                    var slice = UnsafeMutableBufferPointer(rebasing: shared.buffer[bounds[bucket]..<bounds[bucket + 1]])
                    slice.sort()
                    bucket += lanes
                }
            }
        }
    }

    /// The number of values equal to their predecessor in a sorted array.
    public static func repeats(inSorted values: [UInt64]) -> Int {
        var count = 0
        var i = 1
        while i < values.count {
            if values[i] == values[i - 1] { count += 1 }
            i += 1
        }
        return count
    }
}

/// A set of fingerprints that share their top byte, reused for each top byte: a few probes a
/// value where sorting cost n log n comparisons. The fingerprints are already well mixed, so
/// their low bits index the table directly.
///
/// The table is not cleared between top bytes: a slot holding a value of another top byte (or
/// 0) is empty for this one, so the values of earlier calls need no pass over the table (which
/// was the most of the count's work: the table has two to four slots a value).
struct FingerprintSet {
    private var slots = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: 0)
    /// The top byte of the previous call, whose values the table may hold; -1 for none.
    private var previousTop = -1

    /// The values of `parts`, taken together, equal to an earlier one. Every value's top byte
    /// (bits 56 to 63) is `top`.
    mutating func countRepeats(_ parts: [UnsafeBufferPointer<UInt64>], top: Int) -> Int {
        let total = parts.reduce(0) { $0 + $1.count }
        var capacity = 16
        while capacity < total * 2 { capacity <<= 1 }
        if slots.count < capacity {
            slots.deallocate()
            slots = .allocate(capacity: capacity)
            slots.initialize(repeating: 0)
        } else if top == previousTop {
            slots.update(repeating: 0)
        }
        previousTop = top
        // 0 is empty too; the value 0 itself is counted apart.
        let table = UnsafeMutableBufferPointer(rebasing: slots[0..<capacity])
        let mask = capacity - 1
        let top = UInt64(truncatingIfNeeded: top)
        var repeats = 0
        var zeros = 0
        for values in parts {
            for v in values {
                if v == 0 {
                    zeros += 1
                    continue
                }
                var i = Int(truncatingIfNeeded: v) & mask
                while true {
                    let held = table[i]
                    if held == v {
                        repeats += 1
                        break
                    }
                    if held &>> 56 != top || held == 0 {
                        table[i] = v
                        break
                    }
                    i = (i + 1) & mask
                }
            }
        }
        return repeats + max(0, zeros - 1)
    }

    func deallocate() { slots.deallocate() }
}
