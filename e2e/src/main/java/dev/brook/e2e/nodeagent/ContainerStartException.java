package dev.brook.e2e.nodeagent;

/**
 * A container cannot start yet (missing ConfigMap key, unknown image, ...). The reason is the
 * kubelet's waiting reason ({@code CreateContainerConfigError}, {@code CreateContainerError}); the
 * agent retries with back-off, as the kubelet does.
 */
final class ContainerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  ContainerStartException(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  ContainerStartException(String reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  String reason() {
    return reason;
  }
}
