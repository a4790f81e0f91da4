package dev.brook.broker.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.brook.broker.config.Listener;
import dev.brook.broker.metadata.MetadataCache;
import dev.brook.broker.metadata.image.MetadataImage;
import dev.brook.broker.metadata.record.MetadataRecord.RegisterBroker;
import dev.brook.broker.metadata.record.MetadataRecord.SetBrokerFenced;
import dev.brook.broker.network.Request;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.MessageUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The controller id Metadata and DescribeCluster report is always a broker they list. Right after a
 * three-node start the quorum leader (node 2 here) may not have registered as a broker while others
 * have: kafka-python's admin client, sent controller id 2 with brokers [1, 3], failed with
 * "NodeNotReadyError: Connection failed to 2"; librdkafka's create_topics waited for it.
 */
class AdvertisedControllerTest {

  private static final String LISTENER = "PLAINTEXT";
  private static final int QUORUM_LEADER = 2;

  private final ClusterIdentity identity = new ClusterIdentity("cluster", 1, () -> QUORUM_LEADER);

  private static MetadataImage registered(int... ids) {
    MetadataImage image = MetadataImage.EMPTY;
    for (int id : ids) {
      image =
          image.apply(
              image.offset() + 1,
              new RegisterBroker(
                  id,
                  100 + id,
                  Optional.empty(),
                  List.of(new Listener(LISTENER, "127.0.0.1", 9000 + id))));
    }
    return image;
  }

  /** Metadata as kafka-python's admin (v5), its bootstrap (v7) and kafka-clients (v12) read it. */
  @ParameterizedTest
  @ValueSource(shorts = {1, 5, 7, 12})
  void shouldNameAListedBrokerWhileTheQuorumLeaderIsNotRegistered(short version) {
    MetadataResponseData response =
        new MetadataResponseBuilder(identity).base(registered(1, 3), LISTENER, version);

    MetadataResponseData read = roundTrip(response, version);
    assertThat(read.brokers()).extracting(b -> b.nodeId()).containsExactly(1, 3);
    assertThat(read.controllerId()).isEqualTo(1);
  }

  @Test
  void shouldNameTheQuorumLeaderOnceItIsListed() {
    MetadataResponseData response =
        new MetadataResponseBuilder(identity).base(registered(1, 2, 3), LISTENER, (short) 12);
    assertThat(response.controllerId()).isEqualTo(QUORUM_LEADER);
  }

  @Test
  void shouldNameNoControllerWhenNoBrokerIsListed() {
    MetadataResponseData response =
        new MetadataResponseBuilder(identity).base(MetadataImage.EMPTY, LISTENER, (short) 12);
    assertThat(response.brokers()).isEmpty();
    assertThat(response.controllerId()).isEqualTo(-1);
  }

  @ParameterizedTest
  @ValueSource(shorts = {0, 1, 2})
  void shouldNameAnUnfencedListedBrokerInDescribeCluster(short version) throws Exception {
    MetadataImage image = registered(1, 3);
    image = image.apply(image.offset() + 1, new SetBrokerFenced(1, true));
    MetadataCache cache = new MetadataCache();
    cache.publish(image);
    DescribeClusterRequestData body =
        new DescribeClusterRequestData().setIncludeFencedBrokers(version >= 2);
    Request request =
        new Request(
            new RequestHeaderData()
                .setRequestApiKey(ApiKeys.DESCRIBE_CLUSTER.id)
                .setRequestApiVersion(version),
            ApiKeys.DESCRIBE_CLUSTER,
            version,
            body,
            LISTENER,
            InetAddress.getLoopbackAddress());

    DescribeClusterResponseData response =
        (DescribeClusterResponseData)
            new DescribeClusterHandler(cache, identity).handle(request).get();

    assertThat(response.controllerId()).isEqualTo(3);
  }

  private static MetadataResponseData roundTrip(MetadataResponseData response, short version) {
    ByteBufferAccessor written = MessageUtil.toByteBufferAccessor(response, version);
    written.buffer().rewind();
    return new MetadataResponseData(written, version);
  }
}
