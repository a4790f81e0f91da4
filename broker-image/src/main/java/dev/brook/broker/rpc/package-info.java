/**
 * What brokers and the active controller say to each other (registration, heartbeats, controlled
 * shutdown, ISR changes, producer-id blocks, forwarded admin requests, metadata fetches), its
 * binary form (Kafka's generated messages where Kafka has one), the controller's side that answers
 * it and the broker's side that sends it over the quorum's Ratis client channel.
 */
package dev.brook.broker.rpc;
