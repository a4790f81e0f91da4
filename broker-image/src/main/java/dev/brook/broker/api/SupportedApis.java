package dev.brook.broker.api;

import dev.brook.broker.network.ApiVersionRanges;
import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersionCollection;
import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The APIs and versions Brook implements: exactly what ApiVersions advertises. Minimums are the
 * KIP-896 baseline of kafka-clients 4.x. Produce is advertised from v0 because librdkafka refuses a
 * broker whose Produce minimum is above 0, while versions below 3 are still refused on arrival, as
 * Apache Kafka 4.x does.
 */
public final class SupportedApis implements ApiVersionRanges {

  private record Range(short oldest, short latest) {}

  private static final short PRODUCE_ADVERTISED_OLDEST = 0;

  private final Map<ApiKeys, Range> ranges = new EnumMap<>(ApiKeys.class);

  public SupportedApis() {
    add(ApiKeys.PRODUCE, 3, 13);
    add(ApiKeys.FETCH, 4, 17);
    add(ApiKeys.LIST_OFFSETS, 1, 11);
    add(ApiKeys.METADATA, 0, 13);
    add(ApiKeys.OFFSET_COMMIT, 2, 9);
    add(ApiKeys.OFFSET_FETCH, 1, 9);
    add(ApiKeys.FIND_COORDINATOR, 0, 6);
    add(ApiKeys.JOIN_GROUP, 0, 9);
    add(ApiKeys.HEARTBEAT, 0, 4);
    add(ApiKeys.LEAVE_GROUP, 0, 5);
    add(ApiKeys.SYNC_GROUP, 0, 5);
    add(ApiKeys.DESCRIBE_GROUPS, 0, 6);
    add(ApiKeys.LIST_GROUPS, 0, 5);
    add(ApiKeys.API_VERSIONS, 0, 4);
    add(ApiKeys.CREATE_TOPICS, 2, 7);
    add(ApiKeys.DELETE_TOPICS, 1, 6);
    add(ApiKeys.DELETE_RECORDS, 0, 2);
    add(ApiKeys.DESCRIBE_LOG_DIRS, 1, 4);
    add(ApiKeys.INIT_PRODUCER_ID, 0, 5);
    add(ApiKeys.DESCRIBE_CONFIGS, 1, 4);
    add(ApiKeys.CREATE_PARTITIONS, 0, 3);
    add(ApiKeys.DELETE_GROUPS, 0, 2);
    add(ApiKeys.ALTER_CONFIGS, 0, 2);
    add(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 0, 1);
    add(ApiKeys.OFFSET_DELETE, 0, 0);
    add(ApiKeys.DESCRIBE_CLUSTER, 0, 2);
    add(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 2, 4);
    add(ApiKeys.ELECT_LEADERS, 0, 2);
    add(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, 0, 1);
    add(ApiKeys.LIST_PARTITION_REASSIGNMENTS, 0, 0);
    add(ApiKeys.UNREGISTER_BROKER, 0, 0);
    add(ApiKeys.DESCRIBE_QUORUM, 0, 2);
    add(ApiKeys.ADD_RAFT_VOTER, 0, 1);
    add(ApiKeys.REMOVE_RAFT_VOTER, 0, 0);
  }

  private void add(ApiKeys apiKey, int oldest, int latest) {
    if (oldest < apiKey.oldestVersion() || latest > apiKey.latestVersion()) {
      throw new IllegalStateException(
          apiKey + " " + oldest + "-" + latest + " is outside what kafka-clients knows");
    }
    ranges.put(apiKey, new Range((short) oldest, (short) latest));
  }

  @Override
  public short oldestParsed(ApiKeys apiKey) {
    Range range = ranges.get(apiKey);
    return range == null ? -1 : range.oldest();
  }

  @Override
  public short latest(ApiKeys apiKey) {
    Range range = ranges.get(apiKey);
    return range == null ? -1 : range.latest();
  }

  public java.util.Set<ApiKeys> implemented() {
    return ranges.keySet();
  }

  /** The ApiVersions response body's list. */
  public ApiVersionCollection advertised() {
    ApiVersionCollection versions = new ApiVersionCollection();
    ranges.forEach(
        (apiKey, range) ->
            versions.add(
                new ApiVersion()
                    .setApiKey(apiKey.id)
                    .setMinVersion(
                        apiKey == ApiKeys.PRODUCE ? PRODUCE_ADVERTISED_OLDEST : range.oldest())
                    .setMaxVersion(range.latest())));
    return versions;
  }
}
