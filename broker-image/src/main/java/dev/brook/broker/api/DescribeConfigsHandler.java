package dev.brook.broker.api;

import dev.brook.broker.config.BrokerConfig;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.TopicImage;
import dev.brook.broker.network.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData.DescribeConfigsResource;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResourceResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsResult;
import org.apache.kafka.common.message.DescribeConfigsResponseData.DescribeConfigsSynonym;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigSource;

/**
 * DescribeConfigs for topics (effective values with their source, synonyms on request), for this
 * broker (its configuration in force, dynamic overrides included) and for the cluster-wide dynamic
 * broker defaults (an empty broker name).
 */
final class DescribeConfigsHandler implements ApiHandler {

  /** The first version with a type per entry and documentation on request. */
  private static final short FIRST_VERSION_WITH_TYPES = 3;

  private final MetadataCache cache;
  private final TopicConfigEntries topicEntries;
  private final BrokerConfig brokerConfig;

  DescribeConfigsHandler(
      MetadataCache cache, TopicConfigEntries topicEntries, BrokerConfig brokerConfig) {
    this.cache = cache;
    this.topicEntries = topicEntries;
    this.brokerConfig = brokerConfig;
  }

  @Override
  public CompletableFuture<ApiMessage> handle(Request request) {
    DescribeConfigsRequestData data = request.body(DescribeConfigsRequestData.class);
    DescribeConfigsResponseData response = new DescribeConfigsResponseData();
    for (DescribeConfigsResource resource : data.resources()) {
      response
          .results()
          .add(
              describe(
                  resource,
                  data.includeSynonyms(),
                  data.includeDocumentation(),
                  request.apiVersion()));
    }
    return CompletableFuture.completedFuture(response);
  }

  private DescribeConfigsResult describe(
      DescribeConfigsResource resource, boolean synonyms, boolean documentation, short version) {
    DescribeConfigsResult result =
        new DescribeConfigsResult()
            .setResourceType(resource.resourceType())
            .setResourceName(resource.resourceName());
    ConfigResource.Type type = ConfigResource.Type.forId(resource.resourceType());
    if (type == ConfigResource.Type.TOPIC) {
      Optional<TopicImage> topic = cache.image().topic(resource.resourceName());
      if (topic.isEmpty()) {
        return fail(
            result,
            Errors.UNKNOWN_TOPIC_OR_PARTITION,
            "Topic " + resource.resourceName() + " does not exist.");
      }
      for (DescribeConfigsResourceResult config :
          topicConfigs(topic.get().configs(), resource.configurationKeys(), synonyms)) {
        if (version >= FIRST_VERSION_WITH_TYPES) {
          TopicConfigDocs.Doc doc = TopicConfigDocs.of(config.name());
          config.setConfigType(doc.type().id());
          config.setDocumentation(documentation ? doc.documentation() : null);
        }
        result.configs().add(config);
      }
    } else if (type == ConfigResource.Type.BROKER) {
      if (resource.resourceName().isEmpty()) {
        clusterDefaults(resource.configurationKeys()).forEach(result.configs()::add);
      } else if (resource.resourceName().equals(Integer.toString(brokerConfig.nodeId()))) {
        brokerConfigs(resource.configurationKeys()).forEach(result.configs()::add);
      } else {
        return fail(
            result,
            Errors.INVALID_REQUEST,
            "Broker " + resource.resourceName() + " is not this broker.");
      }
    } else {
      return fail(result, Errors.INVALID_REQUEST, "Unsupported resource type " + type);
    }
    return result;
  }

  private List<DescribeConfigsResourceResult> topicConfigs(
      Map<String, String> overrides, List<String> keys, boolean synonyms) {
    List<DescribeConfigsResourceResult> configs = new ArrayList<>();
    for (TopicConfigEntries.Entry entry : topicEntries.of(overrides)) {
      if (keys != null && !keys.contains(entry.name())) {
        continue;
      }
      DescribeConfigsResourceResult config =
          entry(entry.name(), entry.value(), entry.source(), false);
      if (synonyms) {
        config.synonyms().add(synonym(entry.name(), entry.value(), entry.source()));
        if (entry.source() == ConfigSource.TOPIC_CONFIG) {
          TopicConfigEntries.Entry inherited = topicEntries.inherited(entry.name());
          config.synonyms().add(synonym(inherited.name(), inherited.value(), inherited.source()));
        }
      }
      configs.add(config);
    }
    return configs;
  }

  /**
   * This broker's configuration as Kafka reports it: each key's value in force with its source, a
   * dynamic override of this broker over a cluster-wide one over the properties over the default.
   * Keys that change at run time are not read-only.
   */
  private List<DescribeConfigsResourceResult> brokerConfigs(List<String> keys) {
    List<DescribeConfigsResourceResult> configs = new ArrayList<>();
    Map<String, String> own = cache.image().brokerConfigs(brokerConfig.nodeId());
    Map<String, String> cluster = cache.image().brokerConfigs(MetadataImage.CLUSTER_DEFAULT);
    Map<String, Object> explicit = brokerConfig.explicitValues();
    Map<String, String> staticValues = new TreeMap<>();
    brokerConfig.values().forEach((key, value) -> staticValues.put(key, valueString(value)));
    java.util.Set<String> names = new java.util.TreeSet<>(staticValues.keySet());
    names.addAll(DynamicBrokerConfigs.keys());
    for (String key : names) {
      if (keys != null && !keys.contains(key)) {
        continue;
      }
      boolean dynamic = DynamicBrokerConfigs.keys().contains(key);
      if (own.containsKey(key)) {
        configs.add(entry(key, own.get(key), ConfigSource.DYNAMIC_BROKER_CONFIG, false));
      } else if (cluster.containsKey(key)) {
        configs.add(
            entry(key, cluster.get(key), ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, false));
      } else if (explicit.containsKey(key)) {
        configs.add(entry(key, staticValues.get(key), ConfigSource.STATIC_BROKER_CONFIG, !dynamic));
      } else {
        String value =
            staticValues.containsKey(key)
                ? staticValues.get(key)
                : DynamicBrokerConfigs.defaultValue(key);
        configs.add(entry(key, value, ConfigSource.DEFAULT_CONFIG, !dynamic));
      }
    }
    return configs;
  }

  /** The cluster-wide dynamic broker configs (the BROKER resource with an empty name). */
  private List<DescribeConfigsResourceResult> clusterDefaults(List<String> keys) {
    List<DescribeConfigsResourceResult> configs = new ArrayList<>();
    cache
        .image()
        .brokerConfigs(MetadataImage.CLUSTER_DEFAULT)
        .forEach(
            (key, value) -> {
              if (keys == null || keys.contains(key)) {
                configs.add(entry(key, value, ConfigSource.DYNAMIC_DEFAULT_BROKER_CONFIG, false));
              }
            });
    return configs;
  }

  private static String valueString(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(Object::toString).toList());
    }
    return value.toString();
  }

  private static DescribeConfigsResourceResult entry(
      String name, String value, ConfigSource source, boolean readOnly) {
    return new DescribeConfigsResourceResult()
        .setName(name)
        .setValue(value)
        .setReadOnly(readOnly)
        .setConfigSource(source.id())
        .setIsSensitive(false);
  }

  private static DescribeConfigsSynonym synonym(String name, String value, ConfigSource source) {
    return new DescribeConfigsSynonym().setName(name).setValue(value).setSource(source.id());
  }

  private static DescribeConfigsResult fail(
      DescribeConfigsResult result, Errors error, String message) {
    return result.setErrorCode(error.code()).setErrorMessage(message);
  }
}
