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
 * DynamicBrokerConfigs}) and of the cluster-wide defaults (an empty broker name, kept under {@link
 * MetadataImage#CLUSTER_DEFAULT}). Each resulting override set is validated as a whole; a named
 * broker must be registered. A change that leaves the overrides as they are commits nothing, so
 * repeating one is free.
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
            DynamicBrokerConfigs.validate(updated, brokerId == MetadataImage.CLUSTER_DEFAULT);
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
      return MetadataImage.CLUSTER_DEFAULT;
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
