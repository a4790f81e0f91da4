package dev.brook.operator.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RollOrderTest {

  @Test
  void shouldRestartActiveControllerLastWhenOthersAreStale() {
    assertThat(RollOrder.next(List.of(0, 1, 2), OptionalInt.of(0))).isEqualTo(1);
    assertThat(RollOrder.next(List.of(0, 2), OptionalInt.of(0))).isEqualTo(2);
    assertThat(RollOrder.next(List.of(0), OptionalInt.of(0))).isZero();
  }

  @Test
  void shouldRestartLowestIdWhenControllerIsUnknownOrNotStale() {
    assertThat(RollOrder.next(List.of(1, 2), OptionalInt.empty())).isEqualTo(1);
    assertThat(RollOrder.next(List.of(1, 2), OptionalInt.of(0))).isEqualTo(1);
  }
}
