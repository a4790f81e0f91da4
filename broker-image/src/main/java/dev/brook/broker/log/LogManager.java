package dev.brook.broker.log;

import dev.brook.broker.producer.ProducerStateManager;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.KafkaStorageException;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All partition logs of a broker, spread over one or more log directories.
 *
 * <p>Startup locks each directory, loads every {@code <topic>-<partition>} directory (recovering
 * above the checkpointed recovery point when the clean-shutdown marker is missing), removes the
 * marker, and schedules retention, offset checkpoints, producer expiration and time-based flushes.
 * Shutdown closes every log (flush + producer snapshot), writes the checkpoints and then the
 * marker, so that a crash at any earlier point leads to recovery on the next start.
 *
 * <p>Thread-safety: the map of logs is concurrent; creation and deletion are serialized.
 */
public final class LogManager implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

  /** The cluster metadata journal's directory: owned by the metadata layer, never a partition. */
  public static final String METADATA_LOG_DIR = "__cluster_metadata-0";

  /** Intervals of the background tasks and producer expiration, Kafka's defaults. */
  public record Settings(
      long retentionCheckIntervalMs,
      long checkpointIntervalMs,
      long producerIdExpirationMs,
      long producerIdExpirationCheckIntervalMs,
      long flushCheckIntervalMs) {

    public static Settings defaults() {
      return new Settings(
          300_000L,
          60_000L,
          ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS,
          600_000L,
          1_000L);
    }

    public Settings withRetentionCheckIntervalMs(long intervalMs) {
      return new Settings(
          intervalMs,
          checkpointIntervalMs,
          producerIdExpirationMs,
          producerIdExpirationCheckIntervalMs,
          flushCheckIntervalMs);
    }
  }

  private final List<LogDirectory> logDirs;
  private final LogConfig defaultConfig;
  private final Time time;
  private final ScheduledExecutorService scheduler;
  private final Settings settings;
  private final Map<TopicPartition, Log> logs = new ConcurrentHashMap<>();
  private final Map<TopicPartition, LogDirectory> dirOfLog = new ConcurrentHashMap<>();
  private final List<ScheduledFuture<?>> tasks = new ArrayList<>();
  private final Object createLock = new Object();
  private volatile boolean started;

  public LogManager(
      List<Path> logDirs,
      LogConfig defaultConfig,
      Time time,
      ScheduledExecutorService scheduler,
      long retentionCheckIntervalMs) {
    this(
        logDirs,
        defaultConfig,
        time,
        scheduler,
        Settings.defaults().withRetentionCheckIntervalMs(retentionCheckIntervalMs));
  }

  public LogManager(
      List<Path> logDirs,
      LogConfig defaultConfig,
      Time time,
      ScheduledExecutorService scheduler,
      Settings settings) {
    if (logDirs.isEmpty()) {
      throw new IllegalArgumentException("At least one log directory is needed");
    }
    this.logDirs = logDirs.stream().map(LogDirectory::new).toList();
    this.defaultConfig = defaultConfig;
    this.time = time;
    this.scheduler = scheduler;
    this.settings = settings;
  }

  /** Loads existing logs with the config {@code configForTopic} gives, then starts the tasks. */
  public void startup(Function<String, LogConfig> configForTopic) throws IOException {
    for (LogDirectory dir : logDirs) {
      dir.lock();
      loadLogs(dir, configForTopic);
      dir.deleteCleanShutdownMarker();
    }
    scheduleTasks();
    started = true;
    LOG.info(
        "Loaded {} logs from {}", logs.size(), logDirs.stream().map(LogDirectory::path).toList());
  }

  private void loadLogs(LogDirectory dir, Function<String, LogConfig> configForTopic)
      throws IOException {
    boolean clean = dir.hadCleanShutdown();
    Map<TopicPartition, Long> recoveryPoints =
        OffsetCheckpoints.read(dir.path(), OffsetCheckpoints.RECOVERY_POINT);
    Map<TopicPartition, Long> startOffsets =
        OffsetCheckpoints.read(dir.path(), OffsetCheckpoints.LOG_START_OFFSET);
    Map<TopicPartition, Long> highWatermarks =
        OffsetCheckpoints.read(dir.path(), OffsetCheckpoints.HIGH_WATERMARK);
    List<Path> children = listDirectories(dir.path());
    if (!clean
        && children.stream().anyMatch(c -> !c.getFileName().toString().equals(METADATA_LOG_DIR))) {
      LOG.warn(
          "No clean shutdown marker in {}: recovering logs above their recovery points",
          dir.path());
    }
    for (Path child : children) {
      String name = child.getFileName().toString();
      if (LogDirectory.isDeletedPartitionDir(name)) {
        scheduleDirectoryDeletion(child, 0L);
        continue;
      }
      if (name.equals(METADATA_LOG_DIR)) {
        continue;
      }
      Optional<TopicPartition> tp = LogDirectory.parsePartitionDir(name);
      if (tp.isEmpty()) {
        LOG.warn("Ignoring {}: not a partition directory", child);
        continue;
      }
      LogOpenOptions options =
          openOptions()
              .withCheckpoints(
                  recoveryPoints.getOrDefault(tp.get(), 0L),
                  startOffsets.getOrDefault(tp.get(), 0L),
                  highWatermarks.getOrDefault(tp.get(), 0L));
      LogConfig config = configForTopic.apply(tp.get().topic());
      Log log =
          Log.open(
              child, tp.get(), null, config == null ? defaultConfig : config, time, clean, options);
      logs.put(tp.get(), log);
      dirOfLog.put(tp.get(), dir);
    }
  }

  private LogOpenOptions openOptions() {
    return LogOpenOptions.defaults()
        .withScheduler(scheduler)
        .withProducerIdExpirationMs(settings.producerIdExpirationMs());
  }

  private void scheduleTasks() {
    schedule(this::cleanupLogs, settings.retentionCheckIntervalMs());
    schedule(this::checkpointAll, settings.checkpointIntervalMs());
    schedule(this::expireProducers, settings.producerIdExpirationCheckIntervalMs());
    schedule(this::flushDirtyLogs, settings.flushCheckIntervalMs());
  }

  private void schedule(Runnable task, long intervalMs) {
    Runnable guarded =
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.error("Log manager background task failed", e);
          }
        };
    tasks.add(
        scheduler.scheduleWithFixedDelay(guarded, intervalMs, intervalMs, TimeUnit.MILLISECONDS));
  }

  /** Returns the log, creating it in the directory holding the fewest partitions if needed. */
  public Log getOrCreateLog(TopicPartition tp, Uuid topicId, LogConfig config) {
    Log existing = logs.get(tp);
    if (existing != null) {
      return existing;
    }
    synchronized (createLock) {
      existing = logs.get(tp);
      if (existing != null) {
        return existing;
      }
      LogDirectory dir = leastLoadedDir();
      Path partitionDir = dir.path().resolve(LogDirectory.partitionDirName(tp));
      try {
        Log log = Log.open(partitionDir, tp, topicId, config, time, true, openOptions());
        dirOfLog.put(tp, dir);
        logs.put(tp, log);
        return log;
      } catch (IOException e) {
        throw new KafkaStorageException("Cannot create log " + partitionDir, e);
      }
    }
  }

  private LogDirectory leastLoadedDir() {
    Map<LogDirectory, Integer> counts = new HashMap<>();
    logDirs.forEach(dir -> counts.put(dir, 0));
    dirOfLog.values().forEach(dir -> counts.merge(dir, 1, Integer::sum));
    return logDirs.stream().min(Comparator.comparingInt(counts::get)).orElseThrow();
  }

  /** Applies a topic's new config to each of its logs (IncrementalAlterConfigs). */
  public void updateTopicConfig(String topic, LogConfig config) {
    logs.forEach(
        (tp, log) -> {
          if (tp.topic().equals(topic)) {
            log.updateConfig(config);
          }
        });
  }

  /**
   * The largest producer id any loaded log holds state for, or -1. A broker handing out producer
   * ids must start above it after a restart: a reused id would meet the old producer's sequence
   * state and be refused.
   */
  public long largestProducerId() {
    long largest = -1L;
    for (Log log : logs.values()) {
      for (long producerId : log.producerState().activeProducers().keySet()) {
        largest = Math.max(largest, producerId);
      }
    }
    return largest;
  }

  public Optional<Log> getLog(TopicPartition tp) {
    return Optional.ofNullable(logs.get(tp));
  }

  public Map<TopicPartition, Log> logs() {
    return Map.copyOf(logs);
  }

  /**
   * Every log directory (absolute, in configured order) with the logs it holds: DescribeLogDirs.
   */
  public Map<Path, Map<TopicPartition, Log>> logsByDirectory() {
    Map<Path, Map<TopicPartition, Log>> byDir = new LinkedHashMap<>();
    logDirs.forEach(dir -> byDir.put(dir.path().toAbsolutePath(), new HashMap<>()));
    logs.forEach(
        (tp, log) -> {
          LogDirectory dir = dirOfLog.get(tp);
          if (dir != null) {
            byDir.get(dir.path().toAbsolutePath()).put(tp, log);
          }
        });
    return byDir;
  }

  /**
   * Removes the log at once: its directory is renamed {@code <topic>-<p>.<uuid>-delete} (so a
   * restart never loads it again) and deleted in the background after file.delete.delay.ms.
   */
  public void deleteLog(TopicPartition tp) {
    synchronized (createLock) {
      Log log = logs.remove(tp);
      dirOfLog.remove(tp);
      if (log == null) {
        return;
      }
      try {
        log.closeForDeletion();
        String deletedName =
            LogDirectory.partitionDirName(tp)
                + "."
                + Uuid.randomUuid().toString().replace('-', '_')
                + LogFiles.DELETE_DIR_SUFFIX;
        Path renamed = log.dir().resolveSibling(deletedName);
        Files.move(log.dir(), renamed);
        scheduleDirectoryDeletion(renamed, log.config().fileDeleteDelayMs());
      } catch (IOException e) {
        throw new KafkaStorageException("Cannot delete log " + tp, e);
      }
    }
  }

  private void scheduleDirectoryDeletion(Path dir, long delayMs) {
    scheduler.schedule(
        () -> {
          try {
            LogDirectories.deleteRecursively(dir);
          } catch (IOException e) {
            LOG.warn("Cannot delete {}", dir, e);
          }
        },
        delayMs,
        TimeUnit.MILLISECONDS);
  }

  /** Runs retention on every log now (also run by the background task). */
  public int cleanupLogs() {
    int deleted = 0;
    for (Log log : logs.values()) {
      try {
        deleted += log.deleteSegmentsPastRetention();
      } catch (KafkaStorageException e) {
        LOG.error("Retention failed for {}", log.topicPartition(), e);
      }
    }
    return deleted;
  }

  private void expireProducers() {
    logs.values().forEach(log -> log.removeExpiredProducers());
  }

  private void flushDirtyLogs() {
    long now = time.milliseconds();
    for (Log log : logs.values()) {
      if (log.config().flushMs() != Long.MAX_VALUE
          && now - log.lastFlushTimeMs() >= log.config().flushMs()) {
        try {
          log.flush();
        } catch (IOException e) {
          LOG.error("Flush failed for {}", log.topicPartition(), e);
        }
      }
    }
  }

  /** Writes the recovery-point, log-start-offset and high-watermark checkpoints of every dir. */
  public void checkpointAll() {
    for (LogDirectory dir : logDirs) {
      Map<TopicPartition, Long> recoveryPoints = new HashMap<>();
      Map<TopicPartition, Long> startOffsets = new HashMap<>();
      Map<TopicPartition, Long> highWatermarks = new HashMap<>();
      logs.forEach(
          (tp, log) -> {
            if (dirOfLog.get(tp) == dir) {
              recoveryPoints.put(tp, log.recoveryPoint());
              startOffsets.put(tp, log.logStartOffset());
              highWatermarks.put(tp, log.highWatermark());
            }
          });
      OffsetCheckpoints.write(dir.path(), OffsetCheckpoints.RECOVERY_POINT, recoveryPoints);
      OffsetCheckpoints.write(dir.path(), OffsetCheckpoints.LOG_START_OFFSET, startOffsets);
      OffsetCheckpoints.write(dir.path(), OffsetCheckpoints.HIGH_WATERMARK, highWatermarks);
    }
  }

  /** Stops the tasks, closes every log, writes checkpoints and the clean-shutdown markers. */
  public void shutdown() throws IOException {
    tasks.forEach(task -> task.cancel(false));
    tasks.clear();
    IOException failure = null;
    for (Log log : logs.values()) {
      try {
        log.close();
      } catch (IOException | KafkaStorageException e) {
        LOG.error("Cannot close {}", log, e);
        failure = failure == null ? new IOException("Unclean close of " + log, e) : failure;
      }
    }
    if (started) {
      checkpointAll();
    }
    for (LogDirectory dir : logDirs) {
      if (failure == null && started) {
        dir.writeCleanShutdownMarker();
      }
      dir.unlock();
    }
    logs.clear();
    started = false;
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void close() throws IOException {
    shutdown();
  }

  private static List<Path> listDirectories(Path dir) throws IOException {
    try (Stream<Path> children = Files.list(dir)) {
      return children.filter(Files::isDirectory).sorted().toList();
    }
  }
}
