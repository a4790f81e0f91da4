package dev.brook.broker.log;

import java.lang.reflect.Field;
import java.nio.MappedByteBuffer;

/**
 * Releases a mapping now rather than at garbage collection, so that trimmed or deleted index files
 * free their address space and disk blocks promptly. Uses {@code sun.misc.Unsafe.invokeCleaner},
 * the supported way on Java 9+; if that is unavailable the mapping is left to the collector.
 */
final class MappedBuffers {

  private static final sun.misc.Unsafe UNSAFE = loadUnsafe();

  private MappedBuffers() {}

  static void unmap(MappedByteBuffer buffer) {
    if (buffer != null && UNSAFE != null) {
      UNSAFE.invokeCleaner(buffer);
    }
  }

  private static sun.misc.Unsafe loadUnsafe() {
    try {
      Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      field.setAccessible(true);
      return (sun.misc.Unsafe) field.get(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }
}
