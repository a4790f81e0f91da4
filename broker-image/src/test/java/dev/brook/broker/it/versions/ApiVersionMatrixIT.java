package dev.brook.broker.it.versions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.api.SupportedApis;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (API, version) pair that ApiVersions advertises, sent to a running broker over a socket and
 * checked at that version. The pairs come from {@link SupportedApis} itself, so advertising a new
 * version without a probe that passes at it fails here.
 */
class ApiVersionMatrixIT {

  private static final Map<ApiKeys, VersionProbe> PROBES = new EnumMap<>(ApiKeys.class);

  static {
    DataPlaneProbes.register(PROBES);
    RecordProbes.register(PROBES);
    GroupProbes.register(PROBES);
    OffsetProbes.register(PROBES);
    AdminProbes.register(PROBES);
    LogDirProbes.register(PROBES);
    QuorumProbes.register(PROBES);
  }

  @TempDir static Path dataDir;

  private static MatrixBroker broker;

  @BeforeAll
  static void start() throws Exception {
    broker = MatrixBroker.start(dataDir);
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  static Stream<Arguments> advertisedVersions() {
    return new SupportedApis()
        .advertised().stream()
            .flatMap(
                (ApiVersion range) ->
                    IntStream.rangeClosed(range.minVersion(), range.maxVersion())
                        .mapToObj(
                            version ->
                                Arguments.of(ApiKeys.forId(range.apiKey()), (short) version)));
  }

  /** Every advertised API other than ApiVersions, at the first version above its range. */
  static Stream<Arguments> firstVersionsAboveTheRange() {
    return new SupportedApis()
        .advertised().stream()
            .filter(range -> range.apiKey() != ApiKeys.API_VERSIONS.id)
            .map(
                range ->
                    Arguments.of(ApiKeys.forId(range.apiKey()), (short) (range.maxVersion() + 1)));
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("firstVersionsAboveTheRange")
  void shouldCloseTheConnectionOnAVersionAboveTheAdvertisedRange(ApiKeys apiKey, short version)
      throws Exception {
    assertThat(broker.closesConnectionOnHeaderOnly(apiKey, version)).isTrue();
  }

  @ParameterizedTest(name = "{0} v{1}")
  @MethodSource("advertisedVersions")
  void shouldServeEveryAdvertisedVersion(ApiKeys apiKey, short version) throws Exception {
    VersionProbe probe = PROBES.get(apiKey);
    assertThat(probe).as("a probe for %s", apiKey).isNotNull();
    probe.check(broker, version);
  }
}
