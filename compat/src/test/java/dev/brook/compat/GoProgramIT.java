package dev.brook.compat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs one command of the Go module {@code compat/clients/go} against every {@link Topology}; the
 * module is built once per test JVM, before the first test.
 */
abstract class GoProgramIT {

  /** The command under {@code compat/clients/go/cmd/}. */
  abstract String command();

  @BeforeAll
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  static void buildGoPrograms() throws Exception {
    GoPrograms.buildOnce();
  }

  @ParameterizedTest
  @EnumSource(Topology.class)
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void runsAgainst(Topology topology) throws Exception {
    System.out.println(GoPrograms.program(command()).runAgainst(topology, Duration.ofMinutes(4)));
  }
}
