/// Test support.
public enum TestSupport {}
