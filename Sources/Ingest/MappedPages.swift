import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Asks the kernel to map a piece of a memory-mapped batch in one call before the piece is
/// parsed, so that its worker does not take a page fault for each few pages it reads.
enum MappedPages {
    /// `MADV_POPULATE_READ` (Linux 5.14 and later; in <linux/mman.h>, absent from older headers).
    private static let populateRead: Int32 = 22
    /// Set once the kernel refuses `MADV_POPULATE_READ` (an older kernel): it is not asked
    /// again, and the pages fault in as they are read.
    private static let refused = Atomic<Bool>(false)
    private static let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Populates the pages of `region[from..<to]` and those of the clean path's read-ahead past
    /// `to`. Advice only: a failure changes nothing but speed.
    static func populate(_ region: UnsafeRawBufferPointer, from: Int, to: Int) {
        guard !refused.load(ordering: .relaxed), let base = region.baseAddress, from < to else { return }
        let first = (Int(bitPattern: base) + from) & ~(pageSize - 1)
        let last = Int(bitPattern: base) + min(region.count, to + CSVRecordParser.cleanRoom)
        guard let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        if madvise(start, last - first, populateRead) != 0 && errno == EINVAL {
            refused.store(true, ordering: .relaxed)
        }
    }
}
