package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class SupportedApisTest {

  /**
   * The newest version kafka-clients knows of each API Brook serves, as reviewed. A kafka-clients
   * upgrade that adds a version fails here until someone decides whether Brook implements it.
   */
  private static final Map<ApiKeys, Integer> REVIEWED_CLIENT_LATEST = new EnumMap<>(ApiKeys.class);

  static {
    REVIEWED_CLIENT_LATEST.put(ApiKeys.PRODUCE, 13);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.FETCH, 18);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.LIST_OFFSETS, 11);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.METADATA, 13);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.OFFSET_COMMIT, 10);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.OFFSET_FETCH, 10);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.FIND_COORDINATOR, 6);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.JOIN_GROUP, 9);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.HEARTBEAT, 4);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.LEAVE_GROUP, 5);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.SYNC_GROUP, 5);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DESCRIBE_GROUPS, 6);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.LIST_GROUPS, 5);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.API_VERSIONS, 4);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.CREATE_TOPICS, 7);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DELETE_TOPICS, 6);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DELETE_RECORDS, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DESCRIBE_LOG_DIRS, 4);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.INIT_PRODUCER_ID, 6);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DESCRIBE_CONFIGS, 4);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.CREATE_PARTITIONS, 3);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DELETE_GROUPS, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.ALTER_CONFIGS, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.INCREMENTAL_ALTER_CONFIGS, 1);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.OFFSET_DELETE, 0);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DESCRIBE_CLUSTER, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.OFFSET_FOR_LEADER_EPOCH, 4);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.ELECT_LEADERS, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.ALTER_PARTITION_REASSIGNMENTS, 1);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.LIST_PARTITION_REASSIGNMENTS, 0);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.UNREGISTER_BROKER, 0);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.DESCRIBE_QUORUM, 2);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.ADD_RAFT_VOTER, 1);
    REVIEWED_CLIENT_LATEST.put(ApiKeys.REMOVE_RAFT_VOTER, 0);
  }

  private final SupportedApis supported = new SupportedApis();

  @Test
  void shouldHaveReviewedTheNewestClientVersionOfEveryServedApi() {
    Map<ApiKeys, Integer> actual = new EnumMap<>(ApiKeys.class);
    supported.implemented().forEach(k -> actual.put(k, (int) k.latestVersion()));
    assertThat(actual).isEqualTo(REVIEWED_CLIENT_LATEST);
  }

  @Test
  void shouldStartEveryApiAtTheKip896BaselineOrBelow() {
    for (ApiKeys apiKey : supported.implemented()) {
      assertThat(supported.oldestParsed(apiKey)).as(apiKey.name).isEqualTo(apiKey.oldestVersion());
    }
  }

  @Test
  void shouldAdvertiseProduceFromVersionZeroForLibrdkafka() {
    assertThat(supported.advertised().find(ApiKeys.PRODUCE.id).minVersion()).isZero();
    assertThat(supported.oldestParsed(ApiKeys.PRODUCE)).isEqualTo((short) 3);
  }

  @Test
  void shouldAdvertiseExactlyTheImplementedApis() {
    assertThat(supported.advertised()).hasSize(supported.implemented().size());
  }
}
