package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.UnregisterBroker;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.ApiError;
import org.junit.jupiter.api.Test;

class BrokerUnregistererTest {

  private final BrokerUnregisterer unregisterer = new BrokerUnregisterer();

  @Test
  void shouldForgetAFencedBrokerThatNoPartitionNamesAndItsDynamicConfigs() {
    MetadataImage image =
        ClusterImages.applyAll(
            ClusterImages.fenced(
                ClusterImages.withTopic(
                    ClusterImages.brokers(3),
                    Map.of(),
                    new PartitionRegistration(List.of(1, 2), List.of(1, 2), 1, 0, 0)),
                3),
            List.of(new SetBrokerConfigs(3, Map.of("cordoned.log.dirs", "*"))));

    ControllerResult<ApiError> result = unregisterer.unregister(image, 3);

    assertThat(result.response().isSuccess()).isTrue();
    assertThat(result.records()).containsExactly(new UnregisterBroker(3));
    MetadataImage after = ClusterImages.applyAll(image, result.records());
    assertThat(after.brokers()).containsOnlyKeys(1, 2);
    assertThat(after.brokerConfigs()).isEmpty();
    assertThat(unregisterer.unregister(after, 3).response().error())
        .isEqualTo(Errors.BROKER_ID_NOT_REGISTERED);
  }

  @Test
  void shouldRefuseAnUnknownBroker() {
    ControllerResult<ApiError> result = unregisterer.unregister(ClusterImages.brokers(2), 9);
    assertThat(result.records()).isEmpty();
    assertThat(result.response().error()).isEqualTo(Errors.BROKER_ID_NOT_REGISTERED);
    assertThat(result.response().message()).isEqualTo("Broker 9 is not registered");
  }

  @Test
  void shouldRefuseALiveBroker() {
    ControllerResult<ApiError> result = unregisterer.unregister(ClusterImages.brokers(2), 2);
    assertThat(result.records()).isEmpty();
    assertThat(result.response().error()).isEqualTo(Errors.INVALID_REQUEST);
    assertThat(result.response().message()).contains("Broker 2 is alive");
  }

  @Test
  void shouldRefuseAFencedBrokerThatIsStillAReplica() {
    PartitionRegistration onThree = new PartitionRegistration(List.of(1, 3), List.of(1), 1, 1, 1);
    MetadataImage image =
        ClusterImages.fenced(
            ClusterImages.withTopic(
                ClusterImages.brokers(3), Map.of(), onThree, onThree, onThree, onThree),
            3);

    ControllerResult<ApiError> result = unregisterer.unregister(image, 3);

    assertThat(result.records()).isEmpty();
    assertThat(result.response().error()).isEqualTo(Errors.INVALID_REQUEST);
    assertThat(result.response().message())
        .isEqualTo(
            "Broker 3 is still a replica of 4 partition(s), orders-0, orders-1, orders-2, ...;"
                + " reassign them before unregistering it");
  }
}
