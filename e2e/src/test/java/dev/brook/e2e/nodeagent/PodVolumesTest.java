package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodVolumesTest {

  private static final Container CONTAINER =
      new ContainerBuilder()
          .withName("broker")
          .addNewVolumeMount()
          .withName("data")
          .withMountPath("/var/lib/brook")
          .endVolumeMount()
          .addNewVolumeMount()
          .withName("config")
          .withMountPath("/var/lib/brook/config")
          .endVolumeMount()
          .build();
  private static final Map<String, Path> VOLUMES =
      Map.of("data", Path.of("/tmp/pv-1"), "config", Path.of("/tmp/pod/volumes/config"));

  @Test
  void shouldRewriteMountPathsToLocalDirectoriesLongestFirst() {
    PodVolumes.Mounts mounts = PodVolumes.mountsFor(CONTAINER, VOLUMES);

    assertThat(mounts.rewrite("log.dirs=/var/lib/brook/logs")).isEqualTo("log.dirs=/tmp/pv-1/logs");
    assertThat(mounts.rewrite("/var/lib/brook/config/server.properties"))
        .isEqualTo("/tmp/pod/volumes/config/server.properties");
    assertThat(mounts.rewrite("/var/lib/brook")).isEqualTo("/tmp/pv-1");
  }

  @Test
  void shouldNotRewriteWhenMountPathIsOnlyAPrefixOfAnotherName() {
    PodVolumes.Mounts mounts = PodVolumes.mountsFor(CONTAINER, VOLUMES);

    assertThat(mounts.rewrite("/var/lib/brooklyn")).isEqualTo("/var/lib/brooklyn");
    assertThat(mounts.rewrite("/opt/var/lib/brook")).isEqualTo("/opt/var/lib/brook");
  }
}
