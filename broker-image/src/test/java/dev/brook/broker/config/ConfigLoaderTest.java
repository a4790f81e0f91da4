package dev.brook.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  @Test
  void shouldUseKafkaDefaultsWhenNothingIsSet() {
    BrokerConfig config = ConfigLoader.load(null, Map.of(), Map.of());

    assertThat(config.listeners()).containsExactly(new Listener("PLAINTEXT", "127.0.0.1", 9092));
    assertThat(config.logDirs()).containsExactly(Path.of("./data"));
    assertThat(config.logRetentionMs()).isEqualTo(168 * 3_600_000L);
    assertThat(config.numPartitions()).isEqualTo(1);
    assertThat(config.socketRequestMaxBytes()).isEqualTo(100 * 1024 * 1024);
    assertThat(config.autoCreateTopics()).isTrue();
  }

  @Test
  void shouldLetOverridesWinOverEnvironmentAndEnvironmentOverTheFile() throws Exception {
    Path file = dir.resolve("server.properties");
    Files.writeString(file, "num.partitions=3\nlog.dirs=/from/file\nlog.retention.hours=1\n");

    BrokerConfig config =
        ConfigLoader.load(
            file,
            Map.of("BROOK_LOG_DIRS", "/from/env", "BROOK_NUM_PARTITIONS", "4", "HOME", "/root"),
            Map.of("num.partitions", "5"));

    assertThat(config.numPartitions()).isEqualTo(5);
    assertThat(config.logDirs()).containsExactly(Path.of("/from/env"));
    assertThat(config.logRetentionMs()).isEqualTo(3_600_000L);
  }

  @Test
  void shouldPreferRetentionMsOverMinutesOverHours() {
    BrokerConfig config =
        ConfigLoader.load(
            null,
            Map.of(),
            Map.of(
                "log.retention.hours",
                "5",
                "log.retention.minutes",
                "7",
                "log.retention.ms",
                "1234"));
    assertThat(config.logRetentionMs()).isEqualTo(1234);
  }

  @Test
  void shouldNameTheKeyOfAnInvalidValue() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("num.partitions", "zero")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("num.partitions");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("num.partitions", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("num.partitions");
  }

  @Test
  void shouldRefuseUnknownKeys() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("log.retention.hour", "1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("log.retention.hour")
        .hasMessageContaining("unknown");
  }

  @Test
  void shouldRefuseMalformedListeners() {
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of(), Map.of("listeners", "localhost:9092")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("listeners");
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of(
                        "listeners",
                        "PLAINTEXT://0.0.0.0:9092",
                        "advertised.listeners",
                        "OTHER://h:1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("advertised.listeners");
  }

  @Test
  void shouldRefuseMessagesLargerThanRequests() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(),
                    Map.of("message.max.bytes", "2000", "socket.request.max.bytes", "1000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("message.max.bytes");
  }

  @Test
  void shouldReportAnUnreadableFile() {
    assertThatThrownBy(
            () -> ConfigLoader.load(dir.resolve("missing.properties"), Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("missing.properties");
  }
}
