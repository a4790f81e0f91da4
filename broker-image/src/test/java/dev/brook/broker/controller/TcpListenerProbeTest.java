package dev.brook.broker.controller;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.config.Listener;
import dev.brook.broker.controller.ListenerProbe.Answer;
import dev.brook.broker.metadata.image.BrokerRegistration;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TcpListenerProbeTest {

  private final TcpListenerProbe probe = new TcpListenerProbe(500);

  @Test
  void shouldSeeAListeningPortAsAliveEvenWhenNobodyAccepts() throws Exception {
    try (ServerSocket listening = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      assertThat(probe.probe(broker("127.0.0.1", listening.getLocalPort())))
          .isEqualTo(Answer.ACCEPTED);
    }
  }

  @Test
  void shouldSeeAClosedPortAsRefused() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    assertThat(probe.probe(broker("127.0.0.1", port))).isEqualTo(Answer.REFUSED);
  }

  @Test
  void shouldProveNothingForAnUnknownHostOrNoListener() {
    assertThat(probe.probe(broker("no-such-host.invalid", 9092))).isEqualTo(Answer.INCONCLUSIVE);
    assertThat(probe.probe(new BrokerRegistration(1, 1, Optional.empty(), List.of(), false)))
        .isEqualTo(Answer.INCONCLUSIVE);
  }

  private static BrokerRegistration broker(String host, int port) {
    return new BrokerRegistration(
        1, 1, Optional.empty(), List.of(new Listener("PLAINTEXT", host, port)), false);
  }
}
