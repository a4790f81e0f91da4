package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class QuorumIdentityTest {

  private static final QuorumVoters ONE = QuorumVoters.parse(List.of("0@127.0.0.1:9093"));
  private static final QuorumVoters THREE =
      QuorumVoters.parse(List.of("0@127.0.0.1:9093", "1@127.0.0.2:9093", "2@127.0.0.3:9093"));

  @Test
  void shouldKeepAGivenClusterIdAndItsGroupWhateverTheVoters() {
    String clusterId = Uuid.randomUuid().toString();
    QuorumIdentity small = QuorumIdentity.of(Optional.of(clusterId), ONE);
    QuorumIdentity grown = QuorumIdentity.of(Optional.of(clusterId), THREE);
    assertThat(grown).isEqualTo(small);
    assertThat(grown.clusterId()).isEqualTo(clusterId);
    assertThat(QuorumIdentity.of(Optional.of(Uuid.randomUuid().toString()), ONE).groupId())
        .isNotEqualTo(small.groupId());
  }

  @Test
  void shouldDeriveBothFromTheVotersWithoutAClusterId() {
    QuorumIdentity derived = QuorumIdentity.of(Optional.empty(), ONE);
    assertThat(derived.clusterId()).isEqualTo(ONE.clusterId());
    assertThat(derived.groupId()).isEqualTo(ONE.groupId());
    assertThat(QuorumIdentity.of(Optional.empty(), THREE).clusterId())
        .isNotEqualTo(derived.clusterId());
  }

  @Test
  void shouldRefuseAClusterIdThatIsNotKafkas() {
    assertThatThrownBy(() -> QuorumIdentity.of(Optional.of("my-cluster"), ONE))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cluster.id");
  }
}
