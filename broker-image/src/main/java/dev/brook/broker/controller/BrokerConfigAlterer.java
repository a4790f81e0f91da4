package dev.brook.broker.controller;

import dev.brook.broker.metadata.image.DynamicBrokerConfigs;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.requests.ApiError;

/**
 * Decides the records for incremental changes of per-broker dynamic configs ({@link
 * DynamicBrokerConfigs}). Each broker's resulting override set is validated as a whole; a broker
 * must be registered, and cluster-wide defaults (an empty broker name) are not supported. A change
 * that leaves the overrides as they are commits nothing, so repeating one is free.
 */
public final class BrokerConfigAlterer {

  public ControllerResult<Map<String, ApiError>> alter(
      MetadataImage image, Map<String, List<ConfigChange>> changesByBroker) {
    List<MetadataRecord> records = new ArrayList<>();
    Map<String, ApiError> results = new LinkedHashMap<>();
    changesByBroker.forEach(
        (name, changes) -> {
          try {
            int brokerId = brokerId(image, name);
            Map<String, String> updated =
                ConfigChange.applyAll(image.brokerConfigs(brokerId), changes);
            updated.values().removeIf(String::isEmpty);
            DynamicBrokerConfigs.validate(updated);
            if (!updated.equals(image.brokerConfigs(brokerId))) {
              records.add(new SetBrokerConfigs(brokerId, updated));
            }
            results.put(name, ApiError.NONE);
          } catch (ApiException e) {
            results.put(name, ApiError.fromThrowable(e));
          }
        });
    return ControllerResult.of(records, results);
  }

  private static int brokerId(MetadataImage image, String name) {
    if (name.isEmpty()) {
      throw new InvalidRequestException(
          "Brook has no cluster-wide dynamic broker defaults; name the broker to change");
    }
    int brokerId;
    try {
      brokerId = Integer.parseInt(name);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException("Broker " + name + " is not a broker id");
    }
    if (!image.brokers().containsKey(brokerId)) {
      throw new InvalidRequestException("Broker " + brokerId + " is not registered");
    }
    return brokerId;
  }
}
