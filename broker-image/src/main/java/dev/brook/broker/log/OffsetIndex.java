package dev.brook.broker.log;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The sparse offset index of one segment ({@code .index}): 8-byte entries of a 4-byte offset
 * relative to the segment's base offset and the 4-byte physical position of the batch holding it.
 * An entry is added after every {@code index.interval.bytes} of appended data. Both fields strictly
 * increase from entry to entry, so lookups by offset and by position are binary searches.
 */
public final class OffsetIndex extends AbstractIndex {

  static final int ENTRY_SIZE = 8;

  /** An offset and the physical position of the batch that starts at or contains it. */
  public record OffsetPosition(long offset, int position) {}

  public OffsetIndex(File file, long baseOffset, int maxIndexBytes) throws IOException {
    super(file, baseOffset, maxIndexBytes, ENTRY_SIZE);
  }

  @Override
  protected long relativeKeyAt(ByteBuffer buffer, int slot) {
    return buffer.getInt(slot * ENTRY_SIZE);
  }

  private int positionAt(int slot) {
    return buffer().getInt(slot * ENTRY_SIZE + 4);
  }

  public void append(long offset, int position) {
    lock.lock();
    try {
      if (isFull()) {
        throw new IllegalStateException("Offset index " + file() + " is full");
      }
      if (entries() > 0 && offset <= lastOffsetLocked()) {
        throw new IllegalStateException(
            "Offset " + offset + " is not above the last indexed offset in " + file());
      }
      buffer().putInt(relativeOffset(offset));
      buffer().putInt(position);
      incrementEntries();
    } finally {
      lock.unlock();
    }
  }

  /** The largest entry at or below {@code targetOffset}, or (baseOffset, 0) when none is. */
  public OffsetPosition lookup(long targetOffset) {
    lock.lock();
    try {
      int slot = largestLowerBoundSlot(targetOffset - baseOffset);
      return slot < 0 ? new OffsetPosition(baseOffset, 0) : entryAt(slot);
    } finally {
      lock.unlock();
    }
  }

  /** The largest entry whose position is at most {@code position}, or (baseOffset, 0). */
  public OffsetPosition floorByPosition(int position) {
    lock.lock();
    try {
      int low = 0;
      int high = entries() - 1;
      if (high < 0 || positionAt(0) > position) {
        return new OffsetPosition(baseOffset, 0);
      }
      while (low < high) {
        int mid = (low + high + 1) >>> 1;
        if (positionAt(mid) <= position) {
          low = mid;
        } else {
          high = mid - 1;
        }
      }
      return entryAt(low);
    } finally {
      lock.unlock();
    }
  }

  /** Removes every entry at or above {@code offset}. */
  public void truncateTo(long offset) {
    lock.lock();
    try {
      truncateToEntries(smallestUpperBoundSlot(offset - baseOffset));
    } finally {
      lock.unlock();
    }
  }

  public long lastOffset() {
    lock.lock();
    try {
      return lastOffsetLocked();
    } finally {
      lock.unlock();
    }
  }

  /** Throws when the file cannot be a valid index of this segment (checked on clean load). */
  public void sanityCheck() {
    lock.lock();
    try {
      if (entries() > 0 && lastOffsetLocked() < baseOffset) {
        throw new IllegalStateException("Corrupt offset index " + file());
      }
      if (file().length() % ENTRY_SIZE != 0) {
        throw new IllegalStateException("Offset index " + file() + " has a partial entry");
      }
    } finally {
      lock.unlock();
    }
  }

  private long lastOffsetLocked() {
    return entries() == 0 ? baseOffset : entryAt(entries() - 1).offset();
  }

  private OffsetPosition entryAt(int slot) {
    return new OffsetPosition(baseOffset + relativeKeyAt(buffer(), slot), positionAt(slot));
  }
}
