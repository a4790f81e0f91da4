package dev.brook.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.junit.jupiter.api.Test;

class LogConfigSynonymsTest {

  @Test
  void shouldPreferMillisecondsOverMinutesOverHoursForRetention() {
    assertThat(LogConfigSynonyms.topicDefaults(Map.of("log.retention.hours", "2")))
        .containsEntry("retention.ms", "7200000");
    assertThat(
            LogConfigSynonyms.topicDefaults(
                Map.of("log.retention.hours", "2", "log.retention.minutes", "3")))
        .containsEntry("retention.ms", "180000");
    assertThat(
            LogConfigSynonyms.topicDefaults(
                Map.of("log.retention.minutes", "3", "log.retention.ms", "42")))
        .containsEntry("retention.ms", "42");
    assertThat(LogConfigSynonyms.topicDefaults(Map.of("log.retention.hours", "-1")))
        .containsEntry("retention.ms", "-1");
  }

  @Test
  void shouldMapBrokerKeysToTopicKeysWhenBuildingDefaults() {
    Map<String, String> topic =
        LogConfigSynonyms.topicDefaults(
            Map.of(
                "log.segment.bytes", "2097152",
                "message.max.bytes", "5000",
                "log.roll.hours", "1",
                "num.partitions", "6",
                "internal.segment.bytes", "4096"));

    LogConfig config = LogConfig.defaults().withOverrides(topic);

    assertThat(config.segmentBytes()).isEqualTo(2_097_152);
    assertThat(config.maxMessageBytes()).isEqualTo(5000);
    assertThat(config.segmentMs()).isEqualTo(3_600_000L);
    assertThat(config.effectiveSegmentBytes()).isEqualTo(4096);
    assertThat(LogConfigSynonyms.brokerSynonym("retention.bytes")).contains("log.retention.bytes");
  }

  @Test
  void shouldNameTheBrokerKeyWhenHoursAreNotANumber() {
    assertThatThrownBy(() -> LogConfigSynonyms.topicDefaults(Map.of("log.retention.hours", "x")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("log.retention.hours");
  }
}
