package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PodIpAllocatorTest {

  @Test
  void shouldHandOutDistinctAddressesFromTheFirstOneUpward() {
    PodIpAllocator allocator = new PodIpAllocator("127.0.1.1");

    assertThat(allocator.addressOf("a", null)).isEqualTo("127.0.1.1");
    assertThat(allocator.addressOf("b", null)).isEqualTo("127.0.1.2");
    assertThat(allocator.addressOf("a", null)).isEqualTo("127.0.1.1");
  }

  @Test
  void shouldSkipNetworkAndBroadcastOctetsWhenCrossingASubnet() {
    PodIpAllocator allocator = new PodIpAllocator("127.0.1.254");

    assertThat(allocator.addressOf("a", null)).isEqualTo("127.0.1.254");
    assertThat(allocator.addressOf("b", null)).isEqualTo("127.0.2.1");
  }

  @Test
  void shouldReuseReleasedAddressWhenPodIsGone() {
    PodIpAllocator allocator = new PodIpAllocator("127.0.1.1");
    allocator.addressOf("a", null);
    allocator.addressOf("b", null);

    allocator.release("a");

    assertThat(allocator.addressOf("c", null)).isEqualTo("127.0.1.1");
  }

  @Test
  void shouldKeepReportedAddressWhenItIsFree() {
    PodIpAllocator allocator = new PodIpAllocator("127.0.1.1");
    allocator.addressOf("a", null);

    assertThat(allocator.addressOf("b", "127.0.1.9")).isEqualTo("127.0.1.9");
    assertThat(allocator.addressOf("c", "127.0.1.1")).isEqualTo("127.0.1.2");
  }

  @Test
  void shouldRejectAddressesOutsideLoopbackPodRange() {
    assertThatThrownBy(() -> new PodIpAllocator("127.0.0.5"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PodIpAllocator("10.0.1.1"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
