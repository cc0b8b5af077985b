import Testing

@testable import GwlogEngine

@Test func cliPlaceholder() {
  let file = SourceFile(path: "x.dl", text: "ab\ncé d\n")
  #expect(file.location(of: 0) == (1, 1))
  #expect(file.location(of: 3) == (2, 1))
  #expect(file.location(of: 7) == (2, 4))
  #expect(file.lineText(2) == "cé d")
}
