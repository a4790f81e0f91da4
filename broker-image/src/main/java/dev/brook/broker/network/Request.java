package dev.brook.broker.network;

import java.net.InetAddress;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * One decoded request. {@code body} is null only for an ApiVersions request at a version this
 * broker does not know, which must still be answered (in v0) so the client can downgrade.
 */
public record Request(
    RequestHeaderData header,
    ApiKeys apiKey,
    short apiVersion,
    ApiMessage body,
    String listenerName,
    InetAddress clientAddress) {

  public int correlationId() {
    return header.correlationId();
  }

  public String clientId() {
    return header.clientId() == null ? "" : header.clientId();
  }

  public boolean hasUnsupportedVersion() {
    return body == null;
  }

  @SuppressWarnings("unchecked")
  public <T extends ApiMessage> T body(Class<T> type) {
    return (T) body;
  }

  @Override
  public String toString() {
    return apiKey.name + " v" + apiVersion + " (correlation " + correlationId() + ")";
  }
}
