package dev.brook.broker.network;

import org.apache.kafka.common.protocol.ApiKeys;

/** The versions of each API this broker can parse and answer; consulted before decoding a body. */
public interface ApiVersionRanges {

  /** The oldest version this broker decodes, or -1 when the API is not implemented at all. */
  short oldestParsed(ApiKeys apiKey);

  short latest(ApiKeys apiKey);

  default boolean isImplemented(ApiKeys apiKey) {
    return oldestParsed(apiKey) >= 0;
  }

  default boolean supports(ApiKeys apiKey, short version) {
    return isImplemented(apiKey) && version >= oldestParsed(apiKey) && version <= latest(apiKey);
  }
}
