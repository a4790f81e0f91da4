package dev.brook.broker.network;

import org.apache.kafka.common.protocol.ApiKeys;

/**
 * A response body that cannot be serialized at the version the client asked for: a bug in the
 * handler that built it, never the client's fault. Nothing of it was written.
 */
public final class ResponseEncodingException extends RuntimeException {

  public ResponseEncodingException(ApiKeys apiKey, short apiVersion, Throwable cause) {
    super(apiKey.name + " v" + apiVersion + " response cannot be encoded: " + cause, cause);
  }
}
