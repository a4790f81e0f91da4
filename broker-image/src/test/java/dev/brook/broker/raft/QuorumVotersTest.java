package dev.brook.broker.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class QuorumVotersTest {

  @Test
  void shouldParseVotersInIdOrderWhenGivenKraftSyntax() {
    QuorumVoters voters = QuorumVoters.parse(List.of("2@127.0.0.2:9093", " 1@127.0.0.1:9093"));
    assertThat(voters.voters())
        .containsExactly(
            new QuorumVoters.Voter(1, "127.0.0.1", 9093),
            new QuorumVoters.Voter(2, "127.0.0.2", 9093));
  }

  @Test
  void shouldDeriveTheSameIdsWhenVotersAreListedInAnotherOrder() {
    QuorumVoters a = QuorumVoters.parse(List.of("1@h1:9093", "2@h2:9093", "3@h3:9093"));
    QuorumVoters b = QuorumVoters.parse(List.of("3@h3:9093", "1@h1:9093", "2@h2:9093"));
    assertThat(a.groupId()).isEqualTo(b.groupId());
    assertThat(a.clusterId()).isEqualTo(b.clusterId()).hasSize(22);
    assertThat(QuorumVoters.parse(List.of("1@h1:9094")).clusterId()).isNotEqualTo(a.clusterId());
  }

  @Test
  void shouldRefuseEntryWhenItIsNotIdAtHostPort() {
    assertThatThrownBy(() -> QuorumVoters.parse(List.of("127.0.0.1:9093")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> QuorumVoters.parse(List.of("1@h:9093", "1@h:9094")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("distinct");
  }
}
