/// The spellings of values in hand-written data files: clock times, spaces, Vietnamese words
/// with or without diacritics.
enum DataFileValues {
    /// `HH:mm` or `HH:mm:ss` into seconds since midnight (24:00 allowed as the end of a day).
    static func clock(_ text: some StringProtocol) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 || parts.count == 3, parts[0].count <= 2, parts[1].count == 2,
            let h = Int(parts[0]), let m = Int(parts[1]), (0...24).contains(h), (0...59).contains(m)
        else { return nil }
        var seconds = h * 3600 + m * 60
        if parts.count == 3 {
            guard parts[2].count == 2, let s = Int(parts[2]), (0...59).contains(s) else { return nil }
            seconds += s
        }
        return seconds <= 86_400 ? seconds : nil
    }

    static func trimmingSpaces(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }

    /// Lowercases and removes Vietnamese diacritics (precomposed or combining), `đ` → `d`.
    static func foldVietnamese(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }  // combining marks
            if scalar.value < 0x80 {
                out.append(scalar)
            } else if let base = vietnameseBase[scalar] {
                out.append(base)
            } else {
                out.append(scalar)
            }
        }
        return trimmingSpaces(String(out))
    }

    private static let vietnameseBase: [Unicode.Scalar: Unicode.Scalar] = {
        let groups: [(String, Unicode.Scalar)] = [
            ("àáạảãâầấậẩẫăằắặẳẵ", "a"), ("èéẹẻẽêềếệểễ", "e"), ("ìíịỉĩ", "i"), ("òóọỏõôồốộổỗơờớợởỡ", "o"),
            ("ùúụủũưừứựửữ", "u"), ("ỳýỵỷỹ", "y"), ("đ", "d"),
        ]
        var map: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { map[scalar] = base }
        }
        return map
    }()
}
