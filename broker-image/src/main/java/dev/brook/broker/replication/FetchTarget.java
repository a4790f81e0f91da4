package dev.brook.broker.replication;

import org.apache.kafka.common.TopicPartition;

/** A partition a follower fetches: from which leader, in which leader epoch. */
record FetchTarget(TopicPartition topicPartition, int leaderId, int leaderEpoch) {}
