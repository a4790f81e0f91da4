package dev.brook.broker.api;

import dev.brook.broker.controller.ClusterController;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;
import org.apache.kafka.common.message.CreateTopicsRequestData.CreatableTopic;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.MetadataRequestData.MetadataRequestTopic;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.MetadataResponseData.MetadataResponseTopic;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;

/**
 * Answers Metadata from the local image. Unknown topics are created first when both the broker
 * ({@code auto.create.topics.enable}) and the client (v4+ {@code allowAutoTopicCreation}) allow it,
 * and the response describes them as created.
 */
final class MetadataHandler implements ApiHandler {

  private final MetadataCache cache;
  private final ClusterController controller;
  private final ClusterIdentity identity;
  private final boolean autoCreateTopics;
  private final MetadataResponseBuilder responses;

  MetadataHandler(
      MetadataCache cache,
      ClusterController controller,
      ClusterIdentity identity,
      boolean autoCreateTopics) {
    this.cache = cache;
    this.controller = controller;
    this.identity = identity;
    this.autoCreateTopics = autoCreateTopics;
    this.responses = new MetadataResponseBuilder(identity);
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    MetadataRequestData data = request.body(MetadataRequestData.class);
    short version = request.apiVersion();
    List<String> toCreate = topicsToAutoCreate(cache.image(), data, version);
    if (toCreate.isEmpty()) {
      return CompletableFuture.completedFuture(respond(data, request));
    }
    List<CreatableTopic> creatable = new ArrayList<>();
    for (String name : toCreate) {
      creatable.add(
          new CreatableTopic().setName(name).setNumPartitions(-1).setReplicationFactor((short) -1));
    }
    return controller
        .createTopics(creatable, false)
        .handle((results, error) -> respond(data, request));
  }

  private ApiMessage respond(MetadataRequestData data, Request request) {
    MetadataImage image = cache.image();
    short version = request.apiVersion();
    MetadataResponseData response = responses.base(image, request.listenerName(), version);
    if (isAllTopics(data, version)) {
      image
          .topicsByName()
          .values()
          .forEach(
              t -> response.topics().add(responses.describe(t, image, request.listenerName())));
    } else {
      for (MetadataRequestTopic requested : data.topics()) {
        response.topics().add(describeRequested(image, requested, request.listenerName()));
      }
    }
    return response;
  }

  private MetadataResponseTopic describeRequested(
      MetadataImage image, MetadataRequestTopic requested, String listenerName) {
    if (requested.name() == null) {
      Uuid id = requested.topicId();
      return image
          .topic(id)
          .map(t -> responses.describe(t, image, listenerName))
          .orElseGet(() -> responses.error(null, id, Errors.UNKNOWN_TOPIC_ID));
    }
    String name = requested.name();
    try {
      Topic.validate(name);
    } catch (InvalidTopicException e) {
      return responses.error(name, Uuid.ZERO_UUID, Errors.INVALID_TOPIC_EXCEPTION);
    }
    return image
        .topic(name)
        .map(t -> responses.describe(t, image, listenerName))
        .orElseGet(() -> responses.error(name, Uuid.ZERO_UUID, Errors.UNKNOWN_TOPIC_OR_PARTITION));
  }

  private List<String> topicsToAutoCreate(
      MetadataImage image, MetadataRequestData data, short version) {
    boolean clientAllows = version < 4 || data.allowAutoTopicCreation();
    if (!autoCreateTopics || !clientAllows || isAllTopics(data, version)) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    for (MetadataRequestTopic topic : data.topics()) {
      String name = topic.name();
      if (name != null && image.topic(name).isEmpty() && isCreatable(name)) {
        names.add(name);
      }
    }
    return List.copyOf(names);
  }

  private static boolean isCreatable(String name) {
    try {
      Topic.validate(name);
      return !Topic.isInternal(name);
    } catch (InvalidTopicException e) {
      return false;
    }
  }

  /** A null list asks for every topic; so does an empty list before v1. */
  private static boolean isAllTopics(MetadataRequestData data, short version) {
    return data.topics() == null || (version == 0 && data.topics().isEmpty());
  }

  ClusterIdentity identity() {
    return identity;
  }
}
