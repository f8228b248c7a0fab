/// `file:line:column: ` as editors and compilers print it; a 0 line or column (the whole file,
/// or unknown) is left out.
func inputPosition(file: String, line: Int, column: Int) -> String {
    var s = file
    if line > 0 { s += ":\(line)" }
    if column > 0 { s += ":\(column)" }
    return s + ": "
}
