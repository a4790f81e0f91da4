package dev.brook.broker.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class LogConfigTest {

  @Test
  void shouldUseKafkaDefaultsWhenNothingIsOverridden() {
    LogConfig config = LogConfig.defaults();

    assertThat(config.retentionMs()).isEqualTo(604_800_000L);
    assertThat(config.retentionBytes()).isEqualTo(-1L);
    assertThat(config.segmentBytes()).isEqualTo(1_073_741_824);
    assertThat(config.maxMessageBytes()).isEqualTo(1_048_588);
    assertThat(config.messageTimestampAfterMaxMs()).isEqualTo(3_600_000L);
    assertThat(config.effectiveSegmentBytes()).isEqualTo(1_073_741_824);
    assertThat(LogConfig.supportedKeys())
        .contains("retention.ms", "cleanup.policy")
        .doesNotContain(LogConfig.INTERNAL_SEGMENT_BYTES);
    assertThat(config.asStrings().keySet()).isEqualTo(LogConfig.supportedKeys());
  }

  @Test
  void shouldApplyOverridesWhenValid() {
    LogConfig config =
        LogConfig.defaults()
            .withOverrides(
                Map.of(
                    "retention.ms", "1000",
                    "segment.bytes", "1048576",
                    "message.timestamp.type", "LogAppendTime",
                    "min.insync.replicas", "2"));

    assertThat(config.retentionMs()).isEqualTo(1000L);
    assertThat(config.segmentBytes()).isEqualTo(1_048_576);
    assertThat(config.messageTimestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
    assertThat(config.minInsyncReplicas()).isEqualTo(2);
    assertThat(config.asStrings()).containsEntry("retention.ms", "1000");
  }

  @Test
  void shouldRefuseCompactPolicyWhenRequested() {
    assertThatThrownBy(
            () -> LogConfig.defaults().withOverrides(Map.of("cleanup.policy", "compact")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("cleanup.policy")
        .hasMessageContaining("not supported yet");
  }

  @Test
  void shouldNameTheKeyWhenAValueIsInvalid() {
    assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("segment.bytes", "1000")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("segment.bytes");
    assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("retention.ms", "soon")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("retention.ms");
    assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("retention.ms", "-2")))
        .isInstanceOf(InvalidConfigurationException.class);
  }

  @Test
  void shouldRejectUnknownKeysWhenOverriding() {
    assertThatThrownBy(() -> LogConfig.defaults().withOverrides(Map.of("no.such.key", "1")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("no.such.key");
  }

  @Test
  void shouldAllowTinySegmentsThroughTheInternalKey() {
    LogConfig config =
        LogConfig.defaults().withOverrides(Map.of(LogConfig.INTERNAL_SEGMENT_BYTES, "512"));

    assertThat(config.effectiveSegmentBytes()).isEqualTo(512);
    assertThat(config.segmentBytes()).isEqualTo(1_073_741_824);
  }
}
