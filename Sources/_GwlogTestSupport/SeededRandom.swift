/// A deterministic SplitMix64 generator, so every property test can be replayed from its
/// printed seed (style habit 6).
///
/// Swift's `SystemRandomNumberGenerator` cannot be seeded; SplitMix64 is tiny, fast and
/// passes BigCrush, which is more than a test-input generator needs.
public struct SeededRandom: RandomNumberGenerator, Sendable {
  /// The generator state; advanced by a fixed odd constant per draw.
  private var state: UInt64

  /// Creates a generator whose whole output sequence is determined by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 pseudo-random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
