package dev.brook.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.utils.Time;

/**
 * A single-threaded scheduler and clock that only move when a test says so: {@link #advance} moves
 * time forward and runs every task that became due, in deadline order.
 */
final class ManualScheduler extends AbstractExecutorService
    implements ScheduledExecutorService, Time {
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long nowMs;
  private long sequence;
  private boolean shutdown;

  ManualScheduler(long startMs) {
    this.nowMs = startMs;
  }

  // ---- Time ----

  @Override
  public synchronized long milliseconds() {
    return nowMs;
  }

  @Override
  public long nanoseconds() {
    return TimeUnit.MILLISECONDS.toNanos(milliseconds());
  }

  @Override
  public void sleep(long ms) {
    advance(ms);
  }

  @Override
  public void waitObject(Object obj, Supplier<Boolean> condition, long deadlineMs) {
    throw new UnsupportedOperationException("not used by the coordinator");
  }

  // ---- driving ----

  /** Moves the clock forward by {@code ms}, running tasks as their deadlines pass. */
  void advance(long ms) {
    long target;
    synchronized (this) {
      target = nowMs + ms;
    }
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.deadlineMs > target) {
          nowMs = target;
          return;
        }
        queue.poll();
        nowMs = Math.max(nowMs, next.deadlineMs);
      }
      next.runOnce();
    }
  }

  /** Runs the tasks due now, including those they schedule for now. */
  void runDue() {
    advance(0);
  }

  synchronized int pendingTasks() {
    return (int) queue.stream().filter(t -> !t.cancelled).count();
  }

  // ---- ScheduledExecutorService ----

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return enqueue(command, unit.toMillis(delay), 0);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    throw new UnsupportedOperationException("not used by the coordinator");
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return enqueue(command, unit.toMillis(initialDelay), unit.toMillis(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return enqueue(command, unit.toMillis(initialDelay), unit.toMillis(delay));
  }

  @Override
  public void execute(Runnable command) {
    enqueue(command, 0, 0);
  }

  private synchronized Task enqueue(Runnable command, long delayMs, long periodMs) {
    if (shutdown) {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    }
    Task task = new Task(command, nowMs + Math.max(0, delayMs), periodMs, sequence++);
    queue.add(task);
    return task;
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    shutdown = true;
    List<Runnable> left = new ArrayList<>(queue);
    queue.clear();
    return left;
  }

  @Override
  public synchronized boolean isShutdown() {
    return shutdown;
  }

  @Override
  public synchronized boolean isTerminated() {
    return shutdown;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return true;
  }

  private final class Task implements ScheduledFuture<Object>, Runnable {
    private final Runnable command;
    private long deadlineMs;
    private final long periodMs;
    private final long order;
    private volatile boolean cancelled;
    private volatile boolean done;

    Task(Runnable command, long deadlineMs, long periodMs, long order) {
      this.command = command;
      this.deadlineMs = deadlineMs;
      this.periodMs = periodMs;
      this.order = order;
    }

    void runOnce() {
      if (cancelled) {
        return;
      }
      command.run();
      if (periodMs > 0 && !cancelled) {
        synchronized (ManualScheduler.this) {
          deadlineMs += periodMs;
          queue.add(this);
        }
      } else {
        done = true;
      }
    }

    @Override
    public void run() {
      runOnce();
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(deadlineMs - milliseconds(), TimeUnit.MILLISECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Task that = (Task) other;
      int byDeadline = Long.compare(deadlineMs, that.deadlineMs);
      return byDeadline != 0 ? byDeadline : Long.compare(order, that.order);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      cancelled = true;
      synchronized (ManualScheduler.this) {
        queue.remove(this);
      }
      return !done;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public boolean isDone() {
      return done || cancelled;
    }

    @Override
    public Object get() {
      throw new UnsupportedOperationException("not used by the coordinator");
    }

    @Override
    public Object get(long timeout, TimeUnit unit) {
      throw new UnsupportedOperationException("not used by the coordinator");
    }
  }
}
