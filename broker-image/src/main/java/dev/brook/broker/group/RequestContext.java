package dev.brook.broker.group;

/**
 * What the coordinator needs to know about a request besides its body.
 *
 * @param apiVersion the version the request was decoded at; decides response shape and semantics
 *     (for example MEMBER_ID_REQUIRED from JoinGroup v4)
 * @param clientId the client id of the request header, kept as member metadata
 * @param clientHost the client's address as text, kept as member metadata
 */
public record RequestContext(short apiVersion, String clientId, String clientHost) {}
