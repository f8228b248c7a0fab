/// A growable byte buffer written through a raw pointer: the generator's only unsafe type.
///
/// Appends do not check capacity; callers reserve room for a whole row first
/// (`reserve(_:)`), which keeps the per-byte cost at a store.
final class ByteBuffer: @unchecked Sendable {
    var base: UnsafeMutablePointer<UInt8>
    var capacity: Int
    /// Bytes written so far.
    var count: Int = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    func removeAll() { count = 0 }

    /// Makes room for at least `extra` more bytes.
    @inline(__always)
    func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    func grow(_ needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    func append(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes prepared once (names, codes, header): `reserve` must cover them.
    @inline(__always)
    func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { src in
            (base + count).update(from: src.baseAddress!, count: src.count)
        }
        count += bytes.count
    }

    /// Appends a string's UTF-8 (cold paths only), reserving as needed.
    func append(_ text: String) {
        let bytes = Array(text.utf8)
        reserve(bytes.count)
        if !bytes.isEmpty { append(bytes) }
    }

    /// Appends the 8 low-order-first bytes of `word` (a packed ASCII field).
    @inline(__always)
    func append(packed word: UInt64, count n: Int) {
        UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
        count += n
    }

    /// Appends a non-negative decimal integer.
    @inline(__always)
    func append(decimal value: Int) {
        precondition(value >= 0)
        if value < 10 {
            append(UInt8(48 + value))
            return
        }
        var digits = 0
        var v = value
        while v > 0 {
            digits += 1
            v /= 10
        }
        var i = count + digits - 1
        v = value
        while v > 0 {
            base[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        }
        count += digits
    }

    /// Appends a non-negative integer left-padded with zeros to `width` digits.
    @inline(__always)
    func append(decimal value: Int, width: Int) {
        var digits = 1
        var v = value / 10
        while v > 0 {
            digits += 1
            v /= 10
        }
        let total = max(width, digits)
        var i = count + total - 1
        v = value
        for _ in 0..<total {
            base[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        }
        count += total
    }

    /// The bytes written, valid until the next mutation.
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }
}
