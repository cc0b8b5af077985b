/// A compiled rule version: the steps the interpreter runs, in order, over registers.
///
/// Steps are plain values with no references to the AST. Positive atoms become `scan`,
/// `probe` or `exists` steps (`scanAny` / `probeAny` when the atom only tests for a match);
/// negations `negate`; comparisons `compare`; equations `assign`;
/// built-ins `builtin`; aggregates `aggregate` followed by their own sub-steps ending in
/// `accumulate`; the last main step is `emit`.
final class Plan {
  /// Which rows of a relation an atom ranges over (semi-naive).
  enum RowRange: Sendable {
    /// Every row.
    case full
    /// The previous iteration's new or improved rows.
    case delta
    /// The rows that existed before the previous iteration.
    case old
  }

  /// A value source: a register, an interned constant, or an expression.
  enum Operand: Equatable {
    case register(Int)
    case constant(UInt32)
    case expression(Int)
  }

  /// What to do with one column of a matched row.
  enum ColumnAction: Equatable {
    /// Store the column into a register (first occurrence of a variable).
    case assign(column: Int, register: Int)
    /// Require the column to equal an operand.
    case check(column: Int, Operand)
  }

  /// One operation of an expression in postfix order.
  enum ExpressionOp {
    case push(Operand)
    case binary(ArithmeticOperator)
    case negate
    case call(function: Int, arguments: Int)
  }

  /// The kinds of step.
  ///
  /// `scanAny` and `probeAny` are `scan` and `probe` that continue once when some row
  /// matches, with the lowest height among the matching rows.
  enum StepKind {
    case scan, probe, exists, scanAny, probeAny, negate, compare, assign, builtin, aggregate
    case accumulate, emit
  }

  /// One step.
  ///
  /// Fields unused by a kind keep their defaults.
  struct Step {
    var kind: StepKind
    /// Relation id for atom steps.
    var relation = -1
    /// Row range for atom steps.
    var range: RowRange = .full
    /// Index columns (probe / negate-by-index); empty for scans, all columns for exists.
    var keyColumns: [Int] = []
    /// Key values, in `keyColumns` order.
    var key: [Operand] = []
    /// Actions on the other columns of each matched row.
    var actions: [ColumnAction] = []
    /// Slot that receives the matched row's height (positive atoms), or -1.
    var heightSlot = -1
    /// For compare: operator and operands.
    ///
    /// For assign: `left` is the target register.
    var comparison: ComparisonOperator = .equal
    var left: Operand = .constant(0)
    var right: Operand = .constant(0)
    /// For builtin: whether the literal is negated (`!startsWith(...)`).
    var isNegated = false
    /// For builtin: the predicate and one operand per argument (nil = output register below).
    var builtin: Int = -1
    var arguments: [Operand] = []
    var outputs: [Int?] = []
    /// For aggregate / accumulate: the aggregate's index.
    var aggregate = -1
    /// For emit: the head values.
    var head: [Operand] = []
    /// Source span for error messages (atoms, comparisons).
    var span: SourceSpan = .none
  }

  /// Per-aggregate data: function, target operand, result register, sub-step range.
  struct AggregateInfo {
    var function: AggregateFunction
    var target: Operand?
    /// Register receiving the value (or compared against when already bound).
    var result: Operand
    var resultIsBound: Bool
    var firstStep: Int
    var endStep: Int
  }

  /// The rule this plan belongs to (global id).
  let rule: Int
  /// Head relation id.
  let head: Int
  /// Steps; main steps first, then aggregate sub-steps.
  var steps: [Step] = []
  /// Number of main steps (the last one is `emit`).
  var mainStepCount = 0
  /// Expressions referenced by `Operand.expression`.
  var expressions: [[ExpressionOp]] = []
  /// Aggregates referenced by steps.
  var aggregates: [AggregateInfo] = []
  /// Registers needed.
  var registerCount = 0
  /// Height slots needed.
  var heightSlotCount = 0
  /// The heights that count for the head (main-body positive atoms only).
  var headHeightSlots: [Int] = []
  /// Span of the rule, for error messages.
  let span: SourceSpan

  init(rule: Int, head: Int, span: SourceSpan) {
    self.rule = rule
    self.head = head
    self.span = span
  }
}
