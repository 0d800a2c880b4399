/// The output formats of an architecture table (`convscope arch --format`).
public enum ArchTableFormat: String, CaseIterable, Sendable {
    /// Plain ASCII, torchinfo's `ascii_only` tree ("|    + Conv2d: 2-1") and "=" dividers.
    case text
    /// Unicode box drawing, torchinfo's default tree ("│    ├─Conv2d: 2-1", "└─").
    case unicode
    /// A GitHub-flavoured Markdown table (layer cells as torchinfo labels them with `var_name`:
    /// "Conv2d (conv1): 3-1", without tree indentation), then the totals as a list.
    case markdown
    /// the JSON of docs/ARCHITECTURE.md: model, input_shape, totals and one entry per leaf layer.
    case json
}
