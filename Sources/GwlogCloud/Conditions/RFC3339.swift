/// RFC 3339 timestamps as seconds since 1970 UTC, for `--at` and CEL's `timestamp("…")`.
///
/// Accepts `2026-01-31T00:00:00Z` and `2026-01-31T09:30:00.5+01:00`. Pure arithmetic, no
/// locale or time-zone database, so results never depend on the machine.
public enum RFC3339 {
  /// The seconds since 1970-01-01T00:00:00Z of `text` (fractions truncated towards the
  /// past), or nil when it is not an RFC 3339 date-time with years 0001-9999.
  public static func seconds(from text: String) -> Int64? {
    var scanner = Scanner(Array(text.utf8))
    guard let year = scanner.digits(4), scanner.skip("-"), let month = scanner.digits(2),
      scanner.skip("-"), let day = scanner.digits(2), scanner.skip("T") || scanner.skip("t"),
      let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2),
      scanner.skip(":"), let second = scanner.digits(2)
    else { return nil }
    if scanner.skip(".") {
      guard scanner.digits(1) != nil else { return nil }
      while scanner.digits(1) != nil {}
    }
    var offset: Int64 = 0
    if scanner.skip("Z") || scanner.skip("z") {
      offset = 0
    } else if let sign = scanner.sign(), let offsetHours = scanner.digits(2), scanner.skip(":"),
      let offsetMinutes = scanner.digits(2), offsetHours < 24, offsetMinutes < 60
    {
      offset = sign * (offsetHours * 3600 + offsetMinutes * 60)
    } else {
      return nil
    }
    guard scanner.isAtEnd, year >= 1, (1...12).contains(month),
      (1...daysIn(month: month, year: year)).contains(day), hour < 24, minute < 60,
      second <= 60
    else { return nil }
    let days = daysFromCivil(year: year, month: month, day: day)
    return days * 86_400 + hour * 3600 + minute * 60 + min(second, 59) - offset
  }

  /// `seconds` since 1970 UTC as `YYYY-MM-DDTHH:MM:SSZ`.
  public static func string(fromSeconds seconds: Int64) -> String {
    let parts = components(of: seconds)
    func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
    var year = String(parts.year)
    while year.count < 4 { year = "0" + year }
    return "\(year)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):"
      + "\(two(parts.minute)):\(two(parts.second))Z"
  }

  /// The UTC calendar fields of `seconds` since 1970 (month 1-12, day 1-31, weekday
  /// 0 = Sunday).
  public static func components(of seconds: Int64) -> (
    year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64,
    weekday: Int64
  ) {
    let days = floorDivide(seconds, 86_400)
    let inDay = seconds - days * 86_400
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468
    let era = floorDivide(z, 146_097)
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let mp = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    let weekday = ((days % 7) + 11) % 7  // 1970-01-01 was a Thursday (4)
    return (year, month, day, inDay / 3600, inDay % 3600 / 60, inDay % 60, weekday)
  }

  /// Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil).
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = floorDivide(y, 400)
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  private static func daysIn(month: Int64, year: Int64) -> Int64 {
    switch month {
    case 2:
      let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
      return leap ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  private static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
  }

  /// A cursor over the bytes of a timestamp.
  private struct Scanner {
    let bytes: [UInt8]
    var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Unicode.Scalar) -> Bool {
      guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
      index += 1
      return true
    }

    mutating func sign() -> Int64? {
      if skip("+") { return 1 }
      if skip("-") { return -1 }
      return nil
    }

    /// Exactly `count` decimal digits as a number.
    mutating func digits(_ count: Int) -> Int64? {
      guard index + count <= bytes.count else { return nil }
      var value: Int64 = 0
      for byte in bytes[index..<index + count] {
        guard (0x30...0x39).contains(byte) else { return nil }
        value = value * 10 + Int64(byte - 0x30)
      }
      index += count
      return value
    }
  }
}
