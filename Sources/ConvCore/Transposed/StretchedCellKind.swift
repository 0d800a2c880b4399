/// What one cell of a transposed convolution's equivalent direct-convolution input holds: a real
/// input value, a zero inserted between input cells (s - 1 of them per gap), a border-padding zero
/// (d(k-1) - p on each side), or a zero of the output_padding region (the last output_padding
/// rows and columns, at the bottom and right).
///
/// Source: Dumoulin & Visin 2016, section 4.6 and relationship 14 (zero insertion and padding);
/// PyTorch adds output_padding to the bottom/right end (`torch.nn.ConvTranspose2d` docs).
public enum StretchedCellKind: Equatable, Sendable, CaseIterable {
    /// A real input cell.
    case input
    /// One of the s - 1 zeros inserted between two neighbouring input cells.
    case insertedZero
    /// One of the d(k-1) - p zeros added around the stretched input.
    case borderPadding
    /// One of the output_padding zeros added after the bottom/right border padding.
    case outputPadding

    /// The kind of a 2-D cell from the kinds of its row and column. A cell is real input only
    /// when both are; otherwise the stronger kind wins, in the order
    /// output_padding > border padding > inserted zero, so that the output_padding row and
    /// column span the whole grid and border rows and columns cross the inserted zeros.
    ///
    /// | row \ column  | input        | insertedZero  | borderPadding | outputPadding |
    /// |---------------|--------------|---------------|---------------|---------------|
    /// | input         | input        | insertedZero  | borderPadding | outputPadding |
    /// | insertedZero  | insertedZero | insertedZero  | borderPadding | outputPadding |
    /// | borderPadding | borderPadding| borderPadding | borderPadding | outputPadding |
    /// | outputPadding | outputPadding| outputPadding | outputPadding | outputPadding |
    public static func combining(row: StretchedCellKind, column: StretchedCellKind) -> StretchedCellKind {
        row.rank >= column.rank ? row : column
    }

    private var rank: Int {
        switch self {
        case .input: return 0
        case .insertedZero: return 1
        case .borderPadding: return 2
        case .outputPadding: return 3
        }
    }
}
