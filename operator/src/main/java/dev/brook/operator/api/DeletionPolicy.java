package dev.brook.operator.api;

/** What happens to the Kafka object when its resource is deleted. */
public enum DeletionPolicy {
  /** Delete the topic or group with the resource. */
  Delete,
  /** Keep it; the resource only stops managing it. */
  Retain
}
