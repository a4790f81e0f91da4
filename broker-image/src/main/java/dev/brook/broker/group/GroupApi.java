package dev.brook.broker.group;

import org.apache.kafka.common.protocol.ApiKeys;

/**
 * The group APIs the coordinator answers and the version range it implements for each, for the API
 * layer to advertise in ApiVersions. The minimums are kafka-clients 4.x's oldest versions. Not
 * implemented: OffsetCommit/OffsetFetch v10 (topic ids instead of names, KIP-848 clients only).
 */
public enum GroupApi {
  JOIN_GROUP(ApiKeys.JOIN_GROUP, 0, 9),
  SYNC_GROUP(ApiKeys.SYNC_GROUP, 0, 5),
  HEARTBEAT(ApiKeys.HEARTBEAT, 0, 4),
  LEAVE_GROUP(ApiKeys.LEAVE_GROUP, 0, 5),
  OFFSET_COMMIT(ApiKeys.OFFSET_COMMIT, 2, 9),
  OFFSET_FETCH(ApiKeys.OFFSET_FETCH, 1, 9),
  LIST_GROUPS(ApiKeys.LIST_GROUPS, 0, 5),
  DESCRIBE_GROUPS(ApiKeys.DESCRIBE_GROUPS, 0, 6),
  DELETE_GROUPS(ApiKeys.DELETE_GROUPS, 0, 2),
  OFFSET_DELETE(ApiKeys.OFFSET_DELETE, 0, 0);

  private final ApiKeys apiKey;
  private final short minVersion;
  private final short maxVersion;

  GroupApi(ApiKeys apiKey, int minVersion, int maxVersion) {
    this.apiKey = apiKey;
    this.minVersion = (short) minVersion;
    this.maxVersion = (short) maxVersion;
  }

  public ApiKeys apiKey() {
    return apiKey;
  }

  public short minVersion() {
    return minVersion;
  }

  public short maxVersion() {
    return maxVersion;
  }

  public boolean supports(short version) {
    return version >= minVersion && version <= maxVersion;
  }
}
