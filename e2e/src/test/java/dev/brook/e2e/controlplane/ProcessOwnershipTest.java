package dev.brook.e2e.controlplane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessOwnershipTest {

  @Test
  void shouldKillMarkedProcessWhenItsOwnerIsGone() throws Exception {
    Process deadOwner = new ProcessBuilder("true").start();
    String deadToken = ProcessOwnership.tokenOf(deadOwner.toHandle());
    deadOwner.waitFor();
    ProcessBuilder orphanBuilder = new ProcessBuilder("sleep", "60");
    orphanBuilder.environment().put(ProcessOwnership.ENV, deadToken);
    Process orphan = orphanBuilder.start();
    ProcessBuilder ownedBuilder = new ProcessBuilder("sleep", "60");
    ProcessOwnership.mark(ownedBuilder.environment());
    Process owned = ownedBuilder.start();
    try {
      int reaped = ProcessOwnership.reapOrphans();

      assertThat(reaped).isGreaterThanOrEqualTo(1);
      await().atMost(Duration.ofSeconds(5)).until(() -> !orphan.isAlive());
      assertThat(owned.isAlive()).isTrue();
    } finally {
      orphan.destroyForcibly();
      owned.destroyForcibly();
    }
  }
}
