/// The bounds every importer keeps, so that any file is answered in bounded time and memory.
public enum ImportLimits {
    /// The largest file read, in bytes (the largest corpus file is 36 KB).
    public static let maximumFileBytes = 16 << 20
    /// The most layers (Darknet sections or Caffe layers) in one file.
    public static let maximumLayers = 100_000
    /// The deepest nesting of prototxt messages.
    public static let maximumNesting = 64
}
