#if canImport(Glibc)
    import Glibc
#endif

/// A read lease on a regular file (Linux `fcntl(F_SETLEASE, F_RDLCK)`): the promise that makes
/// it safe to parse the file straight from a memory map.
///
/// A mapped page past the end of a file that another program has cut short raises SIGBUS, and
/// no handler makes that safe. While the lease is held, no other program can open the file for
/// writing or truncate it: the kernel holds such an `open` or `truncate` back (up to
/// `/proc/sys/fs/lease-break-time`, 45 s by default) and marks the lease as breaking. The reader
/// looks at the lease between batches (a batch takes milliseconds), and when it is breaking it
/// leaves the map for `pread` and lets the lease go, before the other program can change a byte.
/// The lease is granted only when nobody has the file open for writing, to its owner (or with
/// CAP_LEASE), on file systems that support leases; otherwise the file is read with `pread`.
struct ReadLease {
    private let descriptor: Int32

    // From <fcntl.h> (Linux, _GNU_SOURCE).
    private static let setLease: Int32 = 1024
    private static let getLease: Int32 = 1025
    private static let setSignal: Int32 = 10
    private static let readLock: Int32 = 0  // F_RDLCK
    private static let unlock: Int32 = 2  // F_UNLCK

    /// Takes a read lease on `descriptor`, nil when the system does not grant one.
    init?(descriptor: Int32) {
        guard Self.breakTimeIsLong else { return nil }
        // The kernel signals a breaking lease; SIGURG is ignored unless a program asks for it,
        // so the notice costs nothing and the reader asks for the lease's state instead.
        guard fcntl(descriptor, Self.setSignal, SIGURG) == 0,
            fcntl(descriptor, Self.setLease, Self.readLock) == 0
        else { return nil }
        self.descriptor = descriptor
    }

    /// Whether the lease still holds: no other program is waiting to write the file.
    var holds: Bool { fcntl(descriptor, Self.getLease) == Self.readLock }

    /// Lets the lease go: a program waiting to write proceeds.
    func release() { _ = fcntl(descriptor, Self.setLease, Self.unlock) }

    /// Whether a writer is held back long enough (at least 5 s) for the reader to notice
    /// between two batches.
    private static let breakTimeIsLong: Bool = {
        let fd = open("/proc/sys/fs/lease-break-time", O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 32)
        let n = read(fd, &bytes, bytes.count)
        guard n > 0, let seconds = Int(String(decoding: bytes[0..<n], as: UTF8.self).filter(\.isNumber)) else {
            return false
        }
        return seconds >= 5
    }()
}
