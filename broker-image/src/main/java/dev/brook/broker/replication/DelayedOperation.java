package dev.brook.broker.replication;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A request that waits for a condition (enough fetchable bytes, a high watermark past a batch) or a
 * deadline, whichever comes first. Completion happens exactly once, on whichever thread first finds
 * the condition true or the deadline passed.
 */
abstract class DelayedOperation {

  private final AtomicBoolean completed = new AtomicBoolean();

  /** Whether the condition holds now; called under no lock, possibly concurrently. */
  protected abstract boolean isSatisfied();

  /** Sends the answer; {@code expired} tells whether the deadline ended the wait. */
  protected abstract void complete(boolean expired);

  final boolean tryComplete() {
    if (completed.get() || !isSatisfied()) {
      return completed.get();
    }
    return forceComplete(false);
  }

  final boolean forceComplete(boolean expired) {
    if (completed.compareAndSet(false, true)) {
      complete(expired);
      return true;
    }
    return false;
  }

  final boolean isCompleted() {
    return completed.get();
  }
}
