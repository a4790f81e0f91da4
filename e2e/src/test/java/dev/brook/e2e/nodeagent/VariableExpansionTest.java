package dev.brook.e2e.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class VariableExpansionTest {

  private static final Map<String, String> VARS = Map.of("POD_IP", "127.0.1.4", "ZONE", "zone-a");

  @Test
  void shouldReplaceDefinedReferences() {
    assertThat(VariableExpansion.expand("--listen=$(POD_IP):9092 rack=$(ZONE)", VARS))
        .isEqualTo("--listen=127.0.1.4:9092 rack=zone-a");
  }

  @Test
  void shouldKeepUndefinedReferencesAsWritten() {
    assertThat(VariableExpansion.expand("$(MISSING)/x", VARS)).isEqualTo("$(MISSING)/x");
  }

  @Test
  void shouldTreatDoubleDollarAsEscape() {
    assertThat(VariableExpansion.expand("$$(POD_IP) costs $$5", VARS))
        .isEqualTo("$(POD_IP) costs $5");
  }

  @Test
  void shouldLeaveShellVariablesAlone() {
    assertThat(VariableExpansion.expand("echo $HOME ${ZONE} $", VARS))
        .isEqualTo("echo $HOME ${ZONE} $");
  }
}
