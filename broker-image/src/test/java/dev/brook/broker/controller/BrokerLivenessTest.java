package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.log.ManualTime;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerLivenessTest {

  private final ManualTime time = new ManualTime(1_000_000);
  private final BrokerLiveness liveness = new BrokerLiveness(time, 9_000, 3_000);
  private final MetadataImage image =
      MetadataImage.EMPTY
          .apply(0, new RegisterBroker(1, 1, Optional.empty(), List.of()))
          .apply(1, new RegisterBroker(2, 1, Optional.empty(), List.of()))
          .apply(2, new RegisterBroker(3, 1, Optional.empty(), List.of()))
          .apply(3, new SetBrokerFenced(3, true));

  @Test
  void shouldExpireOnlyUnfencedBrokersWhenTheyMissTheSessionTimeout() {
    liveness.touch(1);
    liveness.touch(2);
    time.advance(5_000);
    liveness.touch(2);
    time.advance(4_001);
    assertThat(liveness.expired(image)).containsExactly(1);
  }

  @Test
  void shouldGiveBrokersFirstSeenTheClientTimeoutOnTopOfTheirSession() {
    assertThat(liveness.expired(image)).isEmpty();
    time.advance(9_001);
    assertThat(liveness.expired(image)).as("still within session + client timeout").isEmpty();
    time.advance(3_000);
    assertThat(liveness.expired(image)).containsExactly(1, 2);
  }

  @Test
  void shouldGrantAFullSessionWhenReset() {
    liveness.expired(image);
    time.advance(8_000);
    liveness.reset();
    time.advance(8_000);
    assertThat(liveness.expired(image)).isEmpty();
  }

  @Test
  void shouldCallBrokersSilentAfterOneMissedHeartbeatUntilTheirSessionEnds() {
    liveness.touch(1);
    liveness.touch(2);
    time.advance(1_000);
    liveness.touch(2);
    time.advance(1_500);
    assertThat(liveness.silent(image, 2_000))
        .as("fenced broker 3 is never silent")
        .containsExactly(1);
    assertThat(liveness.heardWithin(1, 2_000)).isFalse();
    assertThat(liveness.heardWithin(2, 2_000)).isTrue();
    time.advance(7_000);
    assertThat(liveness.silent(image, 2_000))
        .as("past its session broker 1 is for the session timeout to fence")
        .containsExactly(2);
  }

  @Test
  void shouldCountSilenceFromActivationForBrokersANewControllerHasNotHeard() {
    time.advance(60_000);
    liveness.reset();
    liveness.expired(image);
    liveness.touch(2);
    assertThat(liveness.silent(image, 2_000)).isEmpty();
    time.advance(2_001);
    assertThat(liveness.silent(image, 2_000)).containsExactly(1, 2);
    assertThat(liveness.expired(image)).as("the session timeout still waits").isEmpty();
  }

  @Test
  void shouldForgetControlledShutdownWhenBrokerRegistersAgain() {
    liveness.shuttingDown(1, 7);
    assertThat(liveness.isShuttingDown(1, 7)).isTrue();
    assertThat(liveness.isShuttingDown(1, 8)).isFalse();
    liveness.registered(1);
    assertThat(liveness.isShuttingDown(1, 7)).isFalse();
  }
}
