/// Lines for a terminal of a given width: prose wrapped at spaces with long resource names
/// shortened in the middle, and shell commands wrapped so that they still paste and run.
public enum TextLayout {
  /// The width `explain` lays its text out for.
  public static let width = 100

  /// Names longer than this are shortened in prose (the full name is in the JSON output).
  public static let longestName = 50

  /// `text` wrapped at spaces: the first line starts with `first`, the others with `rest`;
  /// a word longer than a line stays whole on a line of its own.
  public static func wrap(
    _ text: String, first: String = "", rest: String = "  ", width: Int = width
  )
    -> [String]
  {
    var lines: [String] = []
    var line = first
    var lineIsEmpty = true
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if !lineIsEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = rest
        lineIsEmpty = true
      }
      line += (lineIsEmpty ? "" : " ") + word
      lineIsEmpty = false
    }
    lines.append(line)
    return lines
  }

  /// `text` with every long name in it shortened in the middle (`shortened(_:)`).
  public static func shorteningNames(_ text: String) -> String {
    text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
      // Keep punctuation around a name (`(name)`, `name;`, `` `name` ``) outside the cut.
      let leading = word.prefix { "(`\"".contains($0) }
      let trailing = word.reversed().prefix { ");,.`\":".contains($0) }
      guard word.count > leading.count + trailing.count else { return String(word) }
      let core = word.dropFirst(leading.count).dropLast(trailing.count)
      return leading + shortened(String(core)) + String(trailing.reversed())
    }.joined(separator: " ")
  }

  /// A name of path segments longer than `maximum` as its first segments, `…` and its last
  /// segments (`projects/payments-backend/…/services/payments-api`); other text as it is.
  ///
  /// The first two segments (the project) and the last two (the resource) are kept when they
  /// fit, then as many more from the end as fit.
  public static func shortened(_ name: String, maximum: Int = longestName) -> String {
    guard name.count > maximum, name.contains("/"), !name.contains("://") else { return name }
    let segments = name.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    let n = segments.count
    guard n >= 3 else { return name }
    func length(_ head: Int, _ tail: Int) -> Int {
      segments[..<head].joined(separator: "/").count + 3
        + segments[(n - tail)...].joined(separator: "/").count
    }
    var head = min(2, n - 2)
    var tail = min(2, n - head - 1)
    while length(head, tail) > maximum && (head > 1 || tail > 1) {
      if head > 1 { head -= 1 } else { tail -= 1 }
    }
    while head + tail < n - 1 && length(head, tail + 1) <= maximum { tail += 1 }
    guard head + tail < n else { return name }
    return segments[..<head].joined(separator: "/") + "/…/"
      + segments[(n - tail)...].joined(separator: "/")
  }

  /// `text` cut to `maximum` characters with a final `…` when it is longer.
  public static func truncated(_ text: String, maximum: Int) -> String {
    text.count <= maximum ? text : String(text.prefix(max(1, maximum - 1))) + "…"
  }
}

extension TextLayout {
  /// A shell command on lines of at most `width` columns that paste and run as the one
  /// command: breaks between words end in ` \`; a long single-quoted `jq` program breaks at
  /// its own spaces, where the line break is part of the program (and means a space to jq).
  public static func command(
    _ command: String, indent: String = "  ", continuation: String = "      ",
    width: Int = width
  ) -> [String] {
    var lines: [String] = []
    var line = indent
    var lineIsEmpty = true
    for word in shellWords(command) {
      let room = width - 2  // the ` \` that ends a broken line
      if !lineIsEmpty && line.count + 1 + word.count > room {
        if word.hasPrefix("'.") && !word.contains("\n") && line.count + 8 < room {
          // Break inside the quoted word, at its spaces, continuing the current line.
          let parts = wrap(word, first: line + " ", rest: continuation, width: room)
          lines += parts.dropLast()
          line = parts.last ?? line
          continue
        }
        lines.append(line + " \\")
        line = continuation
        lineIsEmpty = true
      }
      line += (lineIsEmpty ? "" : " ") + word
      lineIsEmpty = false
    }
    lines.append(line)
    return lines
  }

  /// The words of a command line, a quoted part (`'…'`, `"…"`) kept inside its word.
  static func shellWords(_ command: String) -> [String] {
    var words: [String] = []
    var word = ""
    var quote: Character?
    for character in command {
      if let open = quote {
        word.append(character)
        if character == open { quote = nil }
      } else if character == " " {
        if !word.isEmpty { words.append(word) }
        word = ""
      } else {
        if character == "'" || character == "\"" { quote = character }
        word.append(character)
      }
    }
    if !word.isEmpty { words.append(word) }
    return words
  }
}
