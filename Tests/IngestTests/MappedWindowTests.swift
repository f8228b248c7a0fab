import Foundation
import TestSupport
import Testing

@testable import Ingest

/// The window onto a mapped file: one map for the whole file, moved without copying, and the
/// pages it has passed handed out once, in order, for giving back.
@Suite struct MappedWindowTests {
    let files = TestFiles()

    @Test(arguments: [1 as UInt64, 2, 3])
    func slidesShowTheFileAndPassedPagesComeInOrder(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        // Text lines, about 600 KiB: many pages.
        var text: [UInt8] = []
        while text.count < 600_000 {
            let length = 20 + Int(rng.next() % 300)
            text += (0..<length).map { _ in 0x41 + UInt8(rng.next() % 26) } + [0x0A]
        }
        let path = files.write("mapped\(seed).csv", bytes: text)
        let source = try InputSource(path: path)
        try #require(source.mappable != nil, "the test needs a file this process may map")
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        var window = try openTextWindow(source, encoding: nil, capacity: 64 * 1024, path: path)
        defer { window.close() }
        var passedUpTo = 0
        while true {
            let offset = window.offset
            #expect(Array(window.bytes) == Array(text[offset..<min(text.count, offset + window.bytes.count)]))
            if let pages = window.takePagesPassed() {
                // Contiguous, whole pages, all before the window's start.
                let base = window.bytes.baseAddress! - offset
                let start = base.distance(to: UnsafeRawPointer(pages.start))
                #expect(start == passedUpTo)
                #expect((start + pages.count) % page == 0 && start + pages.count <= offset)
                passedUpTo = start + pages.count
                pages.giveBack()
                // A page given back reads the same: it is mapped again from the page cache.
                let first = UnsafeRawBufferPointer(start: pages.start, count: min(pages.count, 64))
                #expect(Array(first) == Array(text[start..<start + first.count]))
            }
            #expect(window.takePagesPassed() == nil, "each page is handed out once")
            if window.atEnd { break }
            try window.slide(to: 1 + Int(rng.next() % UInt64(window.bytes.count)))
        }
        #expect(passedUpTo > text.count - 64 * 1024 - page)
    }
}
