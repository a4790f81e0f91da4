package dev.brook.broker.network;

/** A request frame announced a size above {@code socket.request.max.bytes} (or a negative one). */
public final class FrameTooLargeException extends InvalidFrameException {

  public FrameTooLargeException(int announcedBytes, int maxBytes) {
    super(
        "request frame of "
            + announcedBytes
            + " bytes exceeds socket.request.max.bytes="
            + maxBytes);
  }
}
