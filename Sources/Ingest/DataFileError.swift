import _TextSupport

/// An error in a calendar or catalog file: where it is, which rule the text broke and the fix.
public struct DataFileError: Error, CustomStringConvertible, Sendable, Hashable {
    public var file: String
    /// 1-based line and column (in Unicode scalars); 0 when the error is about the whole file.
    public var line: Int
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        (inputPosition(file: file, line: line, column: column) + message).escapingControlCharacters
    }
}
