package dev.brook.broker.metadata.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.image.PartitionRegistration;
import dev.brook.broker.metadata.record.MetadataRecord.AllocateProducerIds;
import dev.brook.broker.metadata.record.MetadataRecord.CreateTopic;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.RemoveTopic;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.metadata.record.MetadataRecord.SetPartition;
import dev.brook.broker.metadata.record.MetadataRecord.SetTopicConfigs;
import dev.brook.broker.metadata.record.MetadataRecord.UnregisterBroker;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MetadataRecordSerdeTest {

  static List<MetadataRecord> everyRecordType() {
    Uuid id = Uuid.fromString("AAAAAAAAAAAAAAAAAAAAAQ");
    return List.of(
        new RegisterBroker(
            3, 17L, Optional.of("zone-a"), List.of(new Listener("PLAINTEXT", "127.0.0.3", 9092))),
        new RegisterBroker(4, 1L, Optional.empty(), List.of()),
        new SetBrokerFenced(3, true),
        new UnregisterBroker(3),
        new CreateTopic("orders", id, Map.of("retention.ms", "1000", "cleanup.policy", "delete")),
        new SetPartition(
            id, 2, new PartitionRegistration(List.of(1, 2, 3), List.of(1, 3), 3, 7, 9)),
        new RemoveTopic(id),
        new SetTopicConfigs(id, Map.of()),
        new SetBrokerConfigs(3, Map.of("cordoned.log.dirs", "*")),
        new AllocateProducerIds(1, 5000L));
  }

  @ParameterizedTest
  @MethodSource("everyRecordType")
  void shouldRoundTripEveryRecordType(MetadataRecord record) {
    assertThat(MetadataRecordSerde.deserialize(MetadataRecordSerde.serialize(record)))
        .isEqualTo(record);
  }

  @Test
  void shouldRefuseAnUnknownVersion() {
    byte[] bytes = MetadataRecordSerde.serialize(new SetBrokerFenced(1, false));
    bytes[1] = 9;
    assertThatThrownBy(() -> MetadataRecordSerde.deserialize(bytes))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("version 9");
  }

  @Test
  void shouldRefuseATruncatedRecord() {
    byte[] bytes = MetadataRecordSerde.serialize(new AllocateProducerIds(1, 5000L));
    assertThatThrownBy(
            () -> MetadataRecordSerde.deserialize(java.util.Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalStateException.class);
  }
}
