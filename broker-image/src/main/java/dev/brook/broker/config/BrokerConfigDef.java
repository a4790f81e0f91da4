package dev.brook.broker.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;
import static org.apache.kafka.common.config.ConfigDef.Range.atLeast;
import static org.apache.kafka.common.config.ConfigDef.Range.between;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Every broker configuration key Brook understands, with Kafka's names, types and defaults. Keys
 * not listed here are rejected at start-up (a typo must not silently fall back to a default).
 */
public final class BrokerConfigDef {

  public static final String NODE_ID = "node.id";
  public static final String PROCESS_ROLES = "process.roles";
  public static final String LISTENERS = "listeners";
  public static final String ADVERTISED_LISTENERS = "advertised.listeners";
  public static final String LISTENER_SECURITY_PROTOCOL_MAP = "listener.security.protocol.map";
  public static final String INTER_BROKER_LISTENER_NAME = "inter.broker.listener.name";
  public static final String CONTROLLER_LISTENER_NAMES = "controller.listener.names";
  public static final String CONTROLLER_QUORUM_VOTERS = "controller.quorum.voters";
  public static final String CONTROLLER_QUORUM_AUTO_JOIN_ENABLE =
      "controller.quorum.auto.join.enable";
  public static final String CLUSTER_ID = "cluster.id";
  public static final String BROKER_RACK = "broker.rack";
  public static final String HTTP_LISTENER = "http.listener";
  public static final String BROKER_HEARTBEAT_INTERVAL_MS = "broker.heartbeat.interval.ms";
  public static final String BROKER_SESSION_TIMEOUT_MS = "broker.session.timeout.ms";
  public static final String LOG_DIRS = "log.dirs";
  public static final String LOG_DIR = "log.dir";
  public static final String NUM_PARTITIONS = "num.partitions";
  public static final String DEFAULT_REPLICATION_FACTOR = "default.replication.factor";
  public static final String AUTO_CREATE_TOPICS_ENABLE = "auto.create.topics.enable";
  public static final String DELETE_TOPIC_ENABLE = "delete.topic.enable";
  public static final String LOG_RETENTION_MS = "log.retention.ms";
  public static final String LOG_RETENTION_MINUTES = "log.retention.minutes";
  public static final String LOG_RETENTION_HOURS = "log.retention.hours";
  public static final String LOG_RETENTION_BYTES = "log.retention.bytes";
  public static final String LOG_RETENTION_CHECK_INTERVAL_MS = "log.retention.check.interval.ms";
  public static final String LOG_SEGMENT_BYTES = "log.segment.bytes";
  public static final String LOG_ROLL_MS = "log.roll.ms";
  public static final String LOG_ROLL_HOURS = "log.roll.hours";
  public static final String LOG_INDEX_INTERVAL_BYTES = "log.index.interval.bytes";
  public static final String LOG_INDEX_SIZE_MAX_BYTES = "log.index.size.max.bytes";
  public static final String LOG_FLUSH_INTERVAL_MESSAGES = "log.flush.interval.messages";
  public static final String LOG_FLUSH_INTERVAL_MS = "log.flush.interval.ms";
  public static final String LOG_CLEANUP_POLICY = "log.cleanup.policy";
  public static final String LOG_MESSAGE_TIMESTAMP_TYPE = "log.message.timestamp.type";
  public static final String MESSAGE_MAX_BYTES = "message.max.bytes";
  public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
  public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";
  public static final String SOCKET_REQUEST_MAX_BYTES = "socket.request.max.bytes";
  public static final String CONNECTIONS_MAX_IDLE_MS = "connections.max.idle.ms";
  public static final String NUM_NETWORK_THREADS = "num.network.threads";
  public static final String NUM_IO_THREADS = "num.io.threads";
  public static final String FETCH_MAX_BYTES = "fetch.max.bytes";
  public static final String OFFSETS_TOPIC_NUM_PARTITIONS = "offsets.topic.num.partitions";
  public static final String OFFSETS_TOPIC_REPLICATION_FACTOR = "offsets.topic.replication.factor";
  public static final String OFFSETS_TOPIC_SEGMENT_BYTES = "offsets.topic.segment.bytes";
  public static final String OFFSETS_RETENTION_MINUTES = "offsets.retention.minutes";
  public static final String OFFSETS_RETENTION_CHECK_INTERVAL_MS =
      "offsets.retention.check.interval.ms";
  public static final String OFFSET_METADATA_MAX_BYTES = "offset.metadata.max.bytes";
  public static final String GROUP_INITIAL_REBALANCE_DELAY_MS = "group.initial.rebalance.delay.ms";
  public static final String GROUP_MIN_SESSION_TIMEOUT_MS = "group.min.session.timeout.ms";
  public static final String GROUP_MAX_SESSION_TIMEOUT_MS = "group.max.session.timeout.ms";
  public static final String GROUP_MAX_SIZE = "group.max.size";
  public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";
  public static final String REPLICA_LAG_TIME_MAX_MS = "replica.lag.time.max.ms";
  public static final String REPLICA_FETCH_WAIT_MAX_MS = "replica.fetch.wait.max.ms";
  public static final String REPLICA_FETCH_MIN_BYTES = "replica.fetch.min.bytes";
  public static final String REPLICA_FETCH_MAX_BYTES = "replica.fetch.max.bytes";
  public static final String REPLICA_FETCH_RESPONSE_MAX_BYTES = "replica.fetch.response.max.bytes";
  public static final String REPLICA_FETCH_BACKOFF_MS = "replica.fetch.backoff.ms";
  public static final String REPLICA_SOCKET_TIMEOUT_MS = "replica.socket.timeout.ms";

  static final ConfigDef DEFINITION =
      new ConfigDef()
          .define(NODE_ID, Type.INT, 1, atLeast(0), HIGH, "This server's id in the cluster.")
          .define(
              PROCESS_ROLES,
              Type.LIST,
              List.of("broker", "controller"),
              ConfigDef.ValidList.in("broker", "controller"),
              HIGH,
              "The roles this process plays: broker, controller or both.")
          .define(
              LISTENERS,
              Type.LIST,
              "PLAINTEXT://127.0.0.1:9092",
              HIGH,
              "Comma-separated NAME://host:port addresses to listen on.")
          .define(
              ADVERTISED_LISTENERS,
              Type.LIST,
              null,
              HIGH,
              "Addresses published to clients in Metadata; default: listeners.")
          .define(
              LISTENER_SECURITY_PROTOCOL_MAP,
              Type.LIST,
              "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
              MEDIUM,
              "Security protocol of each listener name (only PLAINTEXT is supported).")
          .define(
              INTER_BROKER_LISTENER_NAME,
              Type.STRING,
              null,
              MEDIUM,
              "Listener used between brokers; default: the first non-controller listener.")
          .define(
              CONTROLLER_LISTENER_NAMES,
              Type.LIST,
              "CONTROLLER",
              MEDIUM,
              "Listener names used by the controller quorum.")
          .define(
              CONTROLLER_QUORUM_VOTERS,
              Type.LIST,
              "",
              MEDIUM,
              "id@host:port of each controller voter; empty for a single-node cluster. With"
                  + " controller.quorum.auto.join.enable the voters a new quorum forms with, and"
                  + " where a node looks for the active controller.")
          .define(
              CONTROLLER_QUORUM_AUTO_JOIN_ENABLE,
              Type.BOOLEAN,
              false,
              MEDIUM,
              "As in KRaft (KIP-853): a node listed in controller.quorum.voters but not a member"
                  + " of the quorum's current voter set asks the active controller to add it"
                  + " (AddRaftVoter), and one whose address changed asks to be updated. A voter"
                  + " starting with empty metadata storage then joins the existing quorum"
                  + " instead of forming a new one: set it on every node of a cluster that has"
                  + " already formed its quorum.")
          .define(
              CLUSTER_ID,
              Type.STRING,
              null,
              MEDIUM,
              "The cluster id, as `kafka-storage format --cluster-id` gives KRaft: written to"
                  + " meta.properties on first start and checked at every later one. Unset: a"
                  + " single node picks a random one; a quorum derives it from"
                  + " controller.quorum.voters, so it then changes with them (set it whenever the"
                  + " voters may change).")
          .define(BROKER_RACK, Type.STRING, null, MEDIUM, "The rack (zone) of this broker.")
          .define(
              HTTP_LISTENER,
              Type.STRING,
              "",
              (name, value) -> HttpListener.parse(name, (String) value),
              MEDIUM,
              "host:port of the HTTP endpoint serving /health/live, /health/ready and /metrics"
                  + " (Prometheus); empty for none. Port 0 picks a free port.")
          .define(
              BROKER_HEARTBEAT_INTERVAL_MS,
              Type.INT,
              2000,
              atLeast(10),
              MEDIUM,
              "How often a broker heartbeats to the active controller.")
          .define(
              BROKER_SESSION_TIMEOUT_MS,
              Type.INT,
              9000,
              atLeast(100),
              MEDIUM,
              "A broker not heard from for this long is fenced and its leaderships move.")
          .define(LOG_DIRS, Type.LIST, null, HIGH, "Directories holding the partition logs.")
          .define(LOG_DIR, Type.STRING, "./data", HIGH, "Log directory when log.dirs is unset.")
          .define(NUM_PARTITIONS, Type.INT, 1, atLeast(1), MEDIUM, "Default partition count.")
          .define(
              DEFAULT_REPLICATION_FACTOR,
              Type.INT,
              1,
              between(1, Short.MAX_VALUE),
              MEDIUM,
              "Default replication factor of new topics.")
          .define(
              AUTO_CREATE_TOPICS_ENABLE,
              Type.BOOLEAN,
              true,
              MEDIUM,
              "Create a topic when Metadata asks for an unknown one.")
          .define(DELETE_TOPIC_ENABLE, Type.BOOLEAN, true, MEDIUM, "Allow deleting topics.")
          .define(LOG_RETENTION_MS, Type.LONG, null, HIGH, "Retention time; -1 = unlimited.")
          .define(LOG_RETENTION_MINUTES, Type.INT, null, HIGH, "Retention time in minutes.")
          .define(LOG_RETENTION_HOURS, Type.INT, 168, HIGH, "Retention time in hours.")
          .define(LOG_RETENTION_BYTES, Type.LONG, -1L, HIGH, "Retention size per partition.")
          .define(
              LOG_RETENTION_CHECK_INTERVAL_MS,
              Type.LONG,
              300_000L,
              atLeast(1),
              MEDIUM,
              "How often retention is enforced.")
          .define(
              LOG_SEGMENT_BYTES,
              Type.INT,
              1024 * 1024 * 1024,
              atLeast(14),
              HIGH,
              "Segment size before a roll.")
          .define(LOG_ROLL_MS, Type.LONG, null, MEDIUM, "Segment age before a roll.")
          .define(LOG_ROLL_HOURS, Type.INT, 168, atLeast(1), MEDIUM, "Segment age in hours.")
          .define(
              LOG_INDEX_INTERVAL_BYTES,
              Type.INT,
              4096,
              atLeast(0),
              LOW,
              "Bytes between index entries.")
          .define(
              LOG_INDEX_SIZE_MAX_BYTES,
              Type.INT,
              10 * 1024 * 1024,
              atLeast(4),
              LOW,
              "Maximum size of an offset index file.")
          .define(
              LOG_FLUSH_INTERVAL_MESSAGES,
              Type.LONG,
              Long.MAX_VALUE,
              atLeast(1),
              LOW,
              "fsync after this many messages (default: rely on replication).")
          .define(
              LOG_FLUSH_INTERVAL_MS,
              Type.LONG,
              null,
              LOW,
              "fsync after this many milliseconds (default: rely on replication).")
          .define(
              LOG_CLEANUP_POLICY,
              Type.LIST,
              "delete",
              ConfigDef.ValidList.in("delete", "compact"),
              MEDIUM,
              "Default cleanup policy of topics (compact is not supported yet).")
          .define(
              LOG_MESSAGE_TIMESTAMP_TYPE,
              Type.STRING,
              "CreateTime",
              ConfigDef.ValidString.in("CreateTime", "LogAppendTime"),
              MEDIUM,
              "Default timestamp type of topics.")
          .define(
              MESSAGE_MAX_BYTES,
              Type.INT,
              1024 * 1024 + 12,
              atLeast(0),
              HIGH,
              "Largest record batch accepted.")
          .define(
              MIN_INSYNC_REPLICAS,
              Type.INT,
              1,
              atLeast(1),
              HIGH,
              "Replicas that must acknowledge an acks=all write.")
          .define(
              UNCLEAN_LEADER_ELECTION_ENABLE,
              Type.BOOLEAN,
              false,
              HIGH,
              "Allow electing an out-of-sync replica as leader.")
          .define(
              SOCKET_REQUEST_MAX_BYTES,
              Type.INT,
              100 * 1024 * 1024,
              atLeast(1),
              HIGH,
              "Largest request frame accepted; larger frames close the connection.")
          .define(
              CONNECTIONS_MAX_IDLE_MS,
              Type.LONG,
              600_000L,
              MEDIUM,
              "Idle connections are closed after this.")
          .define(NUM_NETWORK_THREADS, Type.INT, 3, atLeast(1), HIGH, "Netty event-loop threads.")
          .define(NUM_IO_THREADS, Type.INT, 8, atLeast(1), HIGH, "Request handler threads.")
          .define(
              FETCH_MAX_BYTES,
              Type.INT,
              55 * 1024 * 1024,
              atLeast(1024),
              MEDIUM,
              "Largest fetch response.")
          .define(
              OFFSETS_TOPIC_NUM_PARTITIONS,
              Type.INT,
              50,
              atLeast(1),
              HIGH,
              "Partitions of __consumer_offsets (fixed once created).")
          .define(
              OFFSETS_TOPIC_REPLICATION_FACTOR,
              Type.SHORT,
              (short) 3,
              atLeast(1),
              HIGH,
              "Replication factor of __consumer_offsets, capped at the live broker count.")
          .define(
              OFFSETS_TOPIC_SEGMENT_BYTES,
              Type.INT,
              100 * 1024 * 1024,
              atLeast(1),
              LOW,
              "Segment size of __consumer_offsets.")
          .define(
              OFFSETS_RETENTION_MINUTES,
              Type.INT,
              10080,
              atLeast(1),
              HIGH,
              "Committed offsets of an empty group expire after this.")
          .define(
              OFFSETS_RETENTION_CHECK_INTERVAL_MS,
              Type.LONG,
              600_000L,
              atLeast(1),
              LOW,
              "How often expired offsets are removed.")
          .define(
              OFFSET_METADATA_MAX_BYTES,
              Type.INT,
              4096,
              atLeast(0),
              LOW,
              "Largest metadata string of a committed offset.")
          .define(
              GROUP_INITIAL_REBALANCE_DELAY_MS,
              Type.INT,
              3000,
              atLeast(0),
              MEDIUM,
              "Wait for more members before the first rebalance of an empty group.")
          .define(
              GROUP_MIN_SESSION_TIMEOUT_MS,
              Type.INT,
              6000,
              atLeast(0),
              MEDIUM,
              "Smallest session timeout a member may ask for.")
          .define(
              GROUP_MAX_SESSION_TIMEOUT_MS,
              Type.INT,
              1_800_000,
              atLeast(0),
              MEDIUM,
              "Largest session timeout a member may ask for.")
          .define(
              GROUP_MAX_SIZE, Type.INT, Integer.MAX_VALUE, atLeast(1), MEDIUM, "Members per group.")
          .define(
              PRODUCER_ID_EXPIRATION_MS,
              Type.INT,
              86_400_000,
              atLeast(1),
              LOW,
              "Idle idempotent producers are forgotten after this.")
          .define(
              REPLICA_LAG_TIME_MAX_MS,
              Type.LONG,
              30_000L,
              atLeast(1),
              HIGH,
              "A follower not caught up for this long leaves the ISR.")
          .define(
              REPLICA_FETCH_WAIT_MAX_MS,
              Type.INT,
              500,
              atLeast(0),
              MEDIUM,
              "Longest wait of a follower fetch.")
          .define(
              REPLICA_FETCH_MIN_BYTES,
              Type.INT,
              1,
              atLeast(0),
              MEDIUM,
              "Minimum bytes of a follower fetch.")
          .define(
              REPLICA_FETCH_MAX_BYTES,
              Type.INT,
              1024 * 1024,
              atLeast(0),
              MEDIUM,
              "Bytes per partition a follower fetches.")
          .define(
              REPLICA_FETCH_RESPONSE_MAX_BYTES,
              Type.INT,
              10 * 1024 * 1024,
              atLeast(0),
              MEDIUM,
              "Bytes per follower fetch response.")
          .define(
              REPLICA_FETCH_BACKOFF_MS,
              Type.INT,
              1000,
              atLeast(0),
              MEDIUM,
              "Pause after a failed follower fetch.")
          .define(
              REPLICA_SOCKET_TIMEOUT_MS,
              Type.INT,
              30_000,
              atLeast(1),
              MEDIUM,
              "Socket timeout of follower fetches.");

  private BrokerConfigDef() {}

  /** All key names, for rejecting unknown keys. */
  public static java.util.Set<String> names() {
    return DEFINITION.names();
  }
}
