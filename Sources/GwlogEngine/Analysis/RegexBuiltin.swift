import Foundation

/// Soufflé's `match(Regex, S)` (docs/language.md#built-in-predicates-and-functions): holds
/// when the whole of symbol `S` matches the regular expression, as C++'s `regex_match` does.
///
/// Expressions are compiled by `NSRegularExpression` (ICU syntax, which agrees with
/// Soufflé's ECMAScript expressions on the common constructs) and anchored as a group
/// between `\A` and `\z`, so the match must span the whole symbol whichever alternative
/// matches. An expression that does not compile on its own, or not once anchored, is
/// refused with a message that says so; compiled ones are cached, behind a lock, because
/// evaluation calls built-ins from several threads.
enum RegexBuiltin {
  /// The predicate as registered in `BuiltinRegistry.standard`.
  static var predicate: BuiltinPredicate {
    BuiltinPredicate(name: "match", inputs: [true, true]) { args in
      guard case .symbol(let pattern)? = args[0], case .symbol(let text)? = args[1] else {
        return []
      }
      let holds = try matches(pattern: pattern, text)
      return holds ? [args.compactMap { $0 }] : []
    }
  }

  /// Whether all of `text` matches `pattern`; throws a `BuiltinFailure` when the pattern
  /// cannot be compiled.
  static func matches(pattern: String, _ text: String) throws -> Bool {
    let regex = try compiled(pattern)
    let range = NSRange(text.startIndex..<text.endIndex, in: text)
    return regex.firstMatch(in: text, options: [], range: range) != nil
  }

  /// Why `pattern` cannot be used by `match`, or nil when it compiles.
  static func problem(with pattern: String) -> String? {
    do {
      _ = try compiled(pattern)
      return nil
    } catch let failure as BuiltinFailure {
      return failure.message
    } catch {
      return "the regular expression `\(pattern)` cannot be compiled"
    }
  }

  private static let cache = RegexCache()

  private static func compiled(_ pattern: String) throws -> NSRegularExpression {
    if let known = cache.lookup(pattern) { return known }
    let anchored: NSRegularExpression
    do {
      // Compiling the bare pattern first rejects one whose `)` would close the anchoring
      // group early and so change its meaning.
      _ = try NSRegularExpression(pattern: pattern)
      anchored = try NSRegularExpression(pattern: "\\A(?:" + pattern + ")\\z")
    } catch {
      throw BuiltinFailure(
        "the regular expression `\(pattern)` of `match` is not valid (gwlog reads ICU syntax)")
    }
    cache.store(anchored, for: pattern)
    return anchored
  }
}

/// Compiled expressions by pattern text, shared by the threads of one process.
private final class RegexCache: @unchecked Sendable {
  // SAFETY: `entries` is only read and written while `lock` is held.
  private let lock = NSLock()
  private var entries: [String: NSRegularExpression] = [:]
  /// Patterns kept at most; the cache starts over when it is full.
  private let capacity = 1_024

  func lookup(_ pattern: String) -> NSRegularExpression? {
    lock.lock()
    defer { lock.unlock() }
    return entries[pattern]
  }

  func store(_ regex: NSRegularExpression, for pattern: String) {
    lock.lock()
    defer { lock.unlock() }
    if entries.count >= capacity { entries.removeAll() }
    entries[pattern] = regex
  }
}
