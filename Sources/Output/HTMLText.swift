import _TextSupport

/// Text made safe for HTML and SVG: every character that could start markup or end an attribute
/// becomes an entity, so a unit named `<script>` or `" onload=` shows as those characters.
enum HTMLText {
    static func escape(_ text: String) -> String { MarkupText.escaped(text) }
}
