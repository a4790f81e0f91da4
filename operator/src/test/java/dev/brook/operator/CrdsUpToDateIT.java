package dev.brook.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the CRDs committed in {@code crds/} differ from those the Quarkus build just
 * generated from the API classes into {@code target/kubernetes/}: run {@code make crds} and commit.
 * An integration test because generation happens in the {@code package} phase.
 */
class CrdsUpToDateIT {

  private static final Path GENERATED = Path.of(System.getProperty("brook.generated.crds.dir"));
  private static final Path COMMITTED = Path.of(System.getProperty("brook.crds.dir"));

  @Test
  void shouldMatchGeneratedCrdsWhenBuilt() throws IOException {
    List<String> generated = crdFiles(GENERATED);
    assertThat(generated).as("CRDs generated into %s", GENERATED).isNotEmpty();
    assertThat(crdFiles(COMMITTED))
        .as("crds/ lists exactly the generated CRDs; run `make crds`")
        .containsExactlyElementsOf(generated);
    for (String name : generated) {
      assertThat(Files.readString(COMMITTED.resolve(name)))
          .as("crds/%s is stale; run `make crds` and commit it", name)
          .isEqualTo(Files.readString(GENERATED.resolve(name)));
    }
  }

  private static List<String> crdFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.endsWith(".brook.dev-v1.yml"))
          .sorted()
          .toList();
    }
  }
}
