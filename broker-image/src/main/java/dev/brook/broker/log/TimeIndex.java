package dev.brook.broker.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The sparse time index of one segment ({@code .timeindex}): 12-byte entries of an 8-byte timestamp
 * and the 4-byte relative offset of the batch holding the largest timestamp seen so far. Timestamps
 * strictly increase from entry to entry (an entry is only added when the segment's max timestamp
 * grew), offsets never decrease. The last entry of an inactive segment holds the segment's largest
 * timestamp, which retention by time reads after a restart.
 */
public final class TimeIndex extends AbstractIndex {

  static final int ENTRY_SIZE = 12;

  /** A timestamp and the offset of the first batch that reaches it. */
  public record TimestampOffset(long timestamp, long offset) {}

  public TimeIndex(File file, long baseOffset, int maxIndexBytes) throws IOException {
    super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
  }

  @Override
  protected long relativeKeyAt(ByteBuffer buffer, int slot) {
    return buffer.getLong(slot * ENTRY_SIZE);
  }

  private long offsetAt(int slot) {
    return baseOffset + buffer().getInt(slot * ENTRY_SIZE + 8);
  }

  /**
   * Appends (timestamp, offset) unless the timestamp does not exceed the last entry's. One slot is
   * kept free for the final entry written on roll, hence {@code skipFullCheck}.
   */
  public void maybeAppend(long timestamp, long offset, boolean skipFullCheck) {
    lock.lock();
    try {
      if (!skipFullCheck && isAlmostFull()) {
        throw new IllegalStateException("Time index " + file() + " is full");
      }
      if (entries() >= maxEntries()) {
        return;
      }
      if (entries() > 0) {
        TimestampOffset last = entryAt(entries() - 1);
        if (timestamp <= last.timestamp()) {
          return;
        }
        if (offset < last.offset()) {
          throw new IllegalStateException(
              "Offset " + offset + " is below the last indexed offset in " + file());
        }
      }
      buffer().putLong(timestamp);
      buffer().putInt(relativeOffset(offset));
      incrementEntries();
    } finally {
      lock.unlock();
    }
  }

  /** True when only the slot reserved for the roll entry is left. */
  public boolean isAlmostFull() {
    lock.lock();
    try {
      return entries() >= maxEntries() - 1;
    } finally {
      lock.unlock();
    }
  }

  /** The largest entry whose timestamp is at most {@code targetTimestamp}, or (-1, baseOffset). */
  public TimestampOffset lookup(long targetTimestamp) {
    lock.lock();
    try {
      int slot = largestLowerBoundSlot(targetTimestamp);
      return slot < 0 ? new TimestampOffset(-1L, baseOffset) : entryAt(slot);
    } finally {
      lock.unlock();
    }
  }

  /** The last entry, or (-1, baseOffset) when empty. */
  public TimestampOffset lastEntry() {
    lock.lock();
    try {
      return entries() == 0 ? new TimestampOffset(-1L, baseOffset) : entryAt(entries() - 1);
    } finally {
      lock.unlock();
    }
  }

  /** Removes every entry whose offset is at or above {@code offset}. */
  public void truncateTo(long offset) {
    lock.lock();
    try {
      int keep = entries();
      while (keep > 0 && offsetAt(keep - 1) >= offset) {
        keep--;
      }
      truncateToEntries(keep);
    } finally {
      lock.unlock();
    }
  }

  /** Throws when the file cannot be a valid time index of this segment (checked on clean load). */
  public void sanityCheck() {
    lock.lock();
    try {
      if (entries() > 0 && lastEntry().offset() < baseOffset) {
        throw new IllegalStateException("Corrupt time index " + file());
      }
      if (file().length() % ENTRY_SIZE != 0) {
        throw new IllegalStateException("Time index " + file() + " has a partial entry");
      }
    } finally {
      lock.unlock();
    }
  }

  private TimestampOffset entryAt(int slot) {
    return new TimestampOffset(relativeKeyAt(buffer(), slot), offsetAt(slot));
  }
}
