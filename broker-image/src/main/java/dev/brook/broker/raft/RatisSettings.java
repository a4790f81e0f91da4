package dev.brook.broker.raft;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.TimeDuration;

/**
 * Tuning of the quorum's Ratis servers and clients. {@code snapshotEveryEntries} bounds the log
 * replayed at restart; the election timeout bounds how long the quorum goes without a controller
 * after its leader dies (Ratis picks a random timeout between min and max).
 */
public record RatisSettings(
    long snapshotEveryEntries,
    long electionTimeoutMinMs,
    long electionTimeoutMaxMs,
    long requestTimeoutMs) {

  public static final RatisSettings DEFAULTS = new RatisSettings(10_000, 1_000, 2_000, 3_000);

  RaftProperties serverProperties(String bindHost, int port, Path storageDir) {
    RaftProperties properties = common();
    GrpcConfigKeys.Server.setHost(properties, bindHost);
    GrpcConfigKeys.Server.setPort(properties, port);
    RaftServerConfigKeys.setStorageDir(properties, List.of(storageDir.toFile()));
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, snapshotEveryEntries);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
    RaftServerConfigKeys.Rpc.setTimeoutMin(properties, millis(electionTimeoutMinMs));
    RaftServerConfigKeys.Rpc.setTimeoutMax(properties, millis(electionTimeoutMaxMs));
    RaftServerConfigKeys.Rpc.setRequestTimeout(properties, millis(requestTimeoutMs));
    // Metadata entries are small and rare: modest segments, and sync every entry.
    RaftServerConfigKeys.Log.setSegmentSizeMax(
        properties, org.apache.ratis.util.SizeInBytes.valueOf("8MB"));
    RaftServerConfigKeys.Log.setPreallocatedSize(
        properties, org.apache.ratis.util.SizeInBytes.valueOf("1MB"));
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
    return properties;
  }

  public RaftProperties clientProperties() {
    RaftProperties properties = common();
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties, millis(requestTimeoutMs));
    return properties;
  }

  private static RaftProperties common() {
    RaftProperties properties = new RaftProperties();
    RaftConfigKeys.Rpc.setType(properties, SupportedRpcType.GRPC);
    return properties;
  }

  private static TimeDuration millis(long ms) {
    return TimeDuration.valueOf(ms, TimeUnit.MILLISECONDS);
  }
}
