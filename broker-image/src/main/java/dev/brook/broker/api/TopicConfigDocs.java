package dev.brook.broker.api;

import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.BOOLEAN;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.INT;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.LIST;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.LONG;
import static org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType.STRING;

import dev.brook.broker.log.LogConfig;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;

/**
 * The type and documentation of every topic-level key, as DescribeConfigs v3+ reports them (Kafka
 * defines them in its server's topic ConfigDef; the documentation strings are kafka-clients' own).
 */
final class TopicConfigDocs {

  record Doc(ConfigType type, String documentation) {}

  private static final Map<String, Doc> DOCS =
      Map.ofEntries(
          Map.entry(LogConfig.RETENTION_MS, new Doc(LONG, TopicConfig.RETENTION_MS_DOC)),
          Map.entry(LogConfig.RETENTION_BYTES, new Doc(LONG, TopicConfig.RETENTION_BYTES_DOC)),
          Map.entry(LogConfig.SEGMENT_BYTES, new Doc(INT, TopicConfig.SEGMENT_BYTES_DOC)),
          Map.entry(LogConfig.SEGMENT_MS, new Doc(LONG, TopicConfig.SEGMENT_MS_DOC)),
          Map.entry(LogConfig.SEGMENT_JITTER_MS, new Doc(LONG, TopicConfig.SEGMENT_JITTER_MS_DOC)),
          Map.entry(
              LogConfig.SEGMENT_INDEX_BYTES, new Doc(INT, TopicConfig.SEGMENT_INDEX_BYTES_DOC)),
          Map.entry(
              LogConfig.INDEX_INTERVAL_BYTES, new Doc(INT, TopicConfig.INDEX_INTERVAL_BYTES_DOC)),
          Map.entry(LogConfig.CLEANUP_POLICY, new Doc(LIST, TopicConfig.CLEANUP_POLICY_DOC)),
          Map.entry(LogConfig.MAX_MESSAGE_BYTES, new Doc(INT, TopicConfig.MAX_MESSAGE_BYTES_DOC)),
          Map.entry(
              LogConfig.MIN_INSYNC_REPLICAS, new Doc(INT, TopicConfig.MIN_IN_SYNC_REPLICAS_DOC)),
          Map.entry(
              LogConfig.MESSAGE_TIMESTAMP_TYPE,
              new Doc(STRING, TopicConfig.MESSAGE_TIMESTAMP_TYPE_DOC)),
          Map.entry(
              LogConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS,
              new Doc(LONG, TopicConfig.MESSAGE_TIMESTAMP_BEFORE_MAX_MS_DOC)),
          Map.entry(
              LogConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS,
              new Doc(LONG, TopicConfig.MESSAGE_TIMESTAMP_AFTER_MAX_MS_DOC)),
          Map.entry(
              LogConfig.FILE_DELETE_DELAY_MS, new Doc(LONG, TopicConfig.FILE_DELETE_DELAY_MS_DOC)),
          Map.entry(
              LogConfig.FLUSH_MESSAGES, new Doc(LONG, TopicConfig.FLUSH_MESSAGES_INTERVAL_DOC)),
          Map.entry(LogConfig.FLUSH_MS, new Doc(LONG, TopicConfig.FLUSH_MS_DOC)),
          Map.entry(
              LogConfig.LEADER_REPLICATION_THROTTLED_REPLICAS,
              new Doc(
                  LIST,
                  "Replicas (partition:brokerId, or *) whose replication to out-of-sync followers"
                      + " is throttled on the leader side, within leader.replication.throttled.rate.")),
          Map.entry(
              LogConfig.FOLLOWER_REPLICATION_THROTTLED_REPLICAS,
              new Doc(
                  LIST,
                  "Replicas (partition:brokerId, or *) whose fetching while out of sync is throttled"
                      + " on the follower side, within follower.replication.throttled.rate.")),
          Map.entry(
              LogConfig.UNCLEAN_LEADER_ELECTION_ENABLE,
              new Doc(BOOLEAN, TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_DOC)));

  private TopicConfigDocs() {}

  /** The key's type and documentation; UNKNOWN and none for a key not listed. */
  static Doc of(String key) {
    return DOCS.getOrDefault(key, new Doc(ConfigType.UNKNOWN, null));
  }
}
