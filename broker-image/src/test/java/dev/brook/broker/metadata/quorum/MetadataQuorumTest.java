package dev.brook.broker.metadata.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.brook.broker.config.BrokerConfig;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class MetadataQuorumTest {

  private static final String VOTERS = "1@127.0.0.1:9093,2@127.0.0.2:9093,3@127.0.0.3:9093";

  @Test
  void shouldAcceptCombinedVoterWhenVotersAreSet() {
    BrokerConfig config =
        new BrokerConfig(Map.of("node.id", "2", "controller.quorum.voters", VOTERS));
    assertThat(MetadataQuorum.votersOf(config).voters()).hasSize(3);
  }

  @Test
  void shouldMeanSingleNodeWhenVotersAreEmpty() {
    assertThat(MetadataQuorum.votersOf(new BrokerConfig(Map.of())).isEmpty()).isTrue();
  }

  @Test
  void shouldRefuseDedicatedRolesWhenVotersAreSet() {
    BrokerConfig broker =
        new BrokerConfig(
            Map.of("node.id", "2", "controller.quorum.voters", VOTERS, "process.roles", "broker"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(broker))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("broker,controller");
  }

  @Test
  void shouldRefuseNodeWhenItIsNotAVoter() {
    BrokerConfig config =
        new BrokerConfig(Map.of("node.id", "4", "controller.quorum.voters", VOTERS));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a voter");
  }

  @Test
  void shouldRefuseControllerListenerWhenItIsNotTheVoterAddress() {
    BrokerConfig config =
        new BrokerConfig(
            Map.of(
                "node.id",
                "1",
                "controller.quorum.voters",
                VOTERS,
                "listeners",
                "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9094"));
    assertThatThrownBy(() -> MetadataQuorum.votersOf(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("voter address");
  }
}
