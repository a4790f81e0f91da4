package dev.brook.broker.controller;

import java.util.Map;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.requests.ApiError;

/** Outcome of creating (or validating) one topic. */
public record TopicCreationResult(
    String name,
    ApiError error,
    Uuid topicId,
    int partitions,
    short replicationFactor,
    Map<String, String> configs) {

  public static TopicCreationResult failed(String name, ApiError error) {
    return new TopicCreationResult(name, error, Uuid.ZERO_UUID, -1, (short) -1, Map.of());
  }
}
