package dev.brook.broker.group;

/**
 * One protocol a member supports, with its opaque metadata (for "consumer": the serialized
 * subscription).
 */
record MemberProtocol(String name, byte[] metadata) {}
