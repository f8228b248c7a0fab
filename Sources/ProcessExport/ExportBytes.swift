/// Byte appends for the writers: literals without a `String` per event.
extension Array where Element == UInt8 {
    @inline(__always)
    mutating func put(_ literal: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    mutating func put(decimal value: Int) {
        if value >= 0 && value < 10 {
            append(UInt8(48 + value))
        } else {
            append(contentsOf: String(value).utf8)
        }
    }
}

/// Names of our own vocabulary as bytes, made once.
enum VocabularyBytes {
    static let activities: [[UInt8]] = ExportActivity.allCases.map { Array($0.name.utf8) }
    static let progress: [[UInt8]] = ExportProgress.allCases.map { Array($0.name.utf8) }
    static let channels: [[UInt8]?] = (0...255).map { exportChannelName(UInt8($0)).map { Array($0.utf8) } }
}
