package dev.brook.broker.log;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A memory-mapped file of fixed-size entries sorted by offset, belonging to one segment.
 *
 * <p>The file is preallocated to {@code maxIndexBytes} (rounded down to whole entries) while its
 * segment is active, and trimmed to its valid entries when the segment rolls or closes, so the
 * number of entries of a closed index is its length divided by the entry size (Kafka's scheme).
 *
 * <p>Thread-safety: every operation holds one lock; the mapping is replaced on resize, and readers
 * must never see an unmapped buffer.
 */
abstract class AbstractIndex implements Closeable {

  protected final ReentrantLock lock = new ReentrantLock();
  protected final long baseOffset;
  private final int entrySize;
  private final int maxIndexBytes;
  private volatile File file;
  private MappedByteBuffer mmap;
  private int maxEntries;
  private volatile int entries;

  protected AbstractIndex(File file, long baseOffset, int maxIndexBytes, int entrySize)
      throws IOException {
    this.file = file;
    this.baseOffset = baseOffset;
    this.entrySize = entrySize;
    this.maxIndexBytes = maxIndexBytes;
    try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
      long existingLength = raf.length();
      boolean newlyCreated = existingLength == 0;
      if (newlyCreated) {
        raf.setLength(roundDown(maxIndexBytes));
      }
      long length = raf.length();
      this.mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, length);
      this.maxEntries = (int) (length / entrySize);
      this.entries = newlyCreated ? 0 : (int) (existingLength / entrySize);
      mmap.position(entries * entrySize);
    }
  }

  protected abstract long relativeKeyAt(java.nio.ByteBuffer buffer, int slot);

  public File file() {
    return file;
  }

  public long baseOffset() {
    return baseOffset;
  }

  public int entries() {
    return entries;
  }

  public int maxEntries() {
    lock.lock();
    try {
      return maxEntries;
    } finally {
      lock.unlock();
    }
  }

  public boolean isFull() {
    lock.lock();
    try {
      return entries >= maxEntries;
    } finally {
      lock.unlock();
    }
  }

  public long sizeInBytes() {
    return (long) entries * entrySize;
  }

  /** Remaps the file to {@code newSize} bytes (rounded down to whole entries); keeps entries. */
  public boolean resize(int newSize) throws IOException {
    lock.lock();
    try {
      int roundedNewSize = roundDown(newSize);
      if (mmap.capacity() == roundedNewSize) {
        return false;
      }
      MappedBuffers.unmap(mmap);
      try (RandomAccessFile raf = new RandomAccessFile(file, "rw")) {
        raf.setLength(roundedNewSize);
        mmap = raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, roundedNewSize);
      }
      maxEntries = roundedNewSize / entrySize;
      entries = Math.min(entries, maxEntries);
      mmap.position(entries * entrySize);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Shrinks the file to its valid entries: done when the segment stops being the active one. */
  public void trimToValidSize() throws IOException {
    resize(entries * entrySize);
  }

  public void flush() {
    lock.lock();
    try {
      mmap.force();
    } finally {
      lock.unlock();
    }
  }

  /** Drops every entry and grows the file back to its full preallocated size. */
  public void reset() throws IOException {
    truncateToEntries(0);
    resize(maxIndexBytes);
  }

  @Override
  public void close() throws IOException {
    trimToValidSize();
    closeHandler();
  }

  /** Unmaps without trimming, e.g. before deleting the file. */
  public void closeHandler() {
    lock.lock();
    try {
      MappedBuffers.unmap(mmap);
      mmap = null;
    } finally {
      lock.unlock();
    }
  }

  public boolean deleteIfExists() throws IOException {
    lock.lock();
    try {
      if (mmap != null) {
        closeHandler();
      }
      return Files.deleteIfExists(file.toPath());
    } finally {
      lock.unlock();
    }
  }

  public void renameTo(File target) throws IOException {
    lock.lock();
    try {
      Files.move(file.toPath(), target.toPath(), StandardCopyOption.ATOMIC_MOVE);
      file = target;
    } finally {
      lock.unlock();
    }
  }

  protected MappedByteBuffer buffer() {
    return mmap;
  }

  protected void incrementEntries() {
    entries++;
  }

  protected void truncateToEntries(int newEntries) {
    lock.lock();
    try {
      entries = newEntries;
      mmap.position(newEntries * entrySize);
    } finally {
      lock.unlock();
    }
  }

  protected int relativeOffset(long offset) {
    long relative = offset - baseOffset;
    if (relative < 0 || relative > Integer.MAX_VALUE) {
      throw new IndexOutOfBoundsException(
          "Offset " + offset + " is not representable relative to base offset " + baseOffset);
    }
    return (int) relative;
  }

  /**
   * The slot of the largest entry whose key is at most {@code target}, -1 when every key is larger
   * (or the index is empty). Keys are relative offsets or timestamps, both non-decreasing. Call
   * with the lock held.
   */
  protected int largestLowerBoundSlot(long target) {
    int low = 0;
    int high = entries - 1;
    if (high < 0 || relativeKeyAt(mmap, 0) > target) {
      return -1;
    }
    while (low < high) {
      int mid = (low + high + 1) >>> 1;
      if (relativeKeyAt(mmap, mid) <= target) {
        low = mid;
      } else {
        high = mid - 1;
      }
    }
    return low;
  }

  /** The slot of the first entry whose key is at least {@code target}; entries when none is. */
  protected int smallestUpperBoundSlot(long target) {
    int lower = largestLowerBoundSlot(target);
    if (lower >= 0 && relativeKeyAt(mmap, lower) == target) {
      while (lower > 0 && relativeKeyAt(mmap, lower - 1) == target) {
        lower--;
      }
      return lower;
    }
    return lower + 1;
  }

  private int roundDown(int size) {
    return size - (size % entrySize);
  }
}
