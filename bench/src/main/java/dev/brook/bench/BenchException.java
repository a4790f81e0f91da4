package dev.brook.bench;

/** A benchmark step that could not complete; the message says which step and where to look. */
public class BenchException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
