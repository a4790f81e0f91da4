package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.log.LogConfig;
import org.apache.kafka.common.requests.DescribeConfigsResponse.ConfigType;
import org.junit.jupiter.api.Test;

class TopicConfigDocsTest {

  @Test
  void shouldTypeAndDocumentEveryPublicTopicKey() {
    for (String key : LogConfig.supportedKeys()) {
      TopicConfigDocs.Doc doc = TopicConfigDocs.of(key);
      assertThat(doc.type()).as(key).isNotEqualTo(ConfigType.UNKNOWN);
      assertThat(doc.documentation()).as(key).isNotBlank();
    }
  }
}
