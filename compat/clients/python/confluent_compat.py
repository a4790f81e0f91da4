"""librdkafka through confluent-kafka against Brook: admin, an idempotent acks=all producer, a
consumer group that commits and a second member that resumes from the commits.

Written for both bindings in use: Debian 12's python3-confluent-kafka 1.7.0 on librdkafka 2.0.2
(run with /usr/bin/python3) and PyPI's current one. The admin calls that only newer bindings have
(describe_cluster, list/describe_consumer_groups, list_consumer_group_offsets) run when present;
the legacy ones (list_topics, list_groups, Consumer.committed) run on both.

Usage: confluent_compat.py BOOTSTRAP REPLICATION_FACTOR
"""
import time
import warnings

import confluent_kafka
from confluent_kafka import Consumer, KafkaException, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewPartitions, NewTopic

from compat_common import (
    ALTERED_CONFIG,
    CREATED_CONFIG,
    GROWN_PARTITIONS,
    PARTITIONS,
    RECORDS,
    RESUMED_RECORDS,
    CheckFailed,
    Received,
    bounded,
    check,
    record,
    run,
    settled,
    step,
    unique_name,
    wait_until,
)

TIMEOUT = 30

# librdkafka's marker for "no committed offset".
OFFSET_INVALID = -1001
BINDING = confluent_kafka.__version__
# list_groups and alter_configs are what 1.7 has; newer bindings deprecate them but still send them.
warnings.filterwarnings("ignore", message="list_groups|alter_configs", category=DeprecationWarning)


def topic_ready(admin, topic, partitions, rf, brokers):
    """The topic's metadata once it has `partitions` partitions, each led by a known broker with
    rf replicas all in sync."""

    def probe():
        md = admin.list_topics(topic=topic, timeout=10).topics.get(topic)
        if md is None or md.error is not None or len(md.partitions) != partitions:
            return None
        for p in md.partitions.values():
            if p.error is not None or p.leader not in brokers or len(p.replicas) != rf or len(p.isrs) != rf:
                return None
        return md

    return wait_until("topic %s with %d partitions led and in sync" % (topic, partitions), TIMEOUT, probe)


def produce(producer, topic, run_id, indexes, written_partition):
    failures = []
    delivered = []

    def on_delivery(i):
        def report(err, msg):
            if err is not None:
                failures.append(err)
            else:
                written_partition[i] = msg.partition()
                delivered.append((msg.partition(), msg.offset()))

        return report

    for i in indexes:
        key, value, headers = record(run_id, i)
        producer.produce(topic, key=key, value=value, headers=headers, on_delivery=on_delivery(i))
        producer.poll(0)
    remaining = producer.flush(TIMEOUT)
    check(remaining == 0, "%d records unacknowledged after %d s" % (remaining, TIMEOUT))
    check(not failures, "delivery errors: %s" % failures[:3])
    check(len(delivered) == len(indexes), "%d deliveries for %d records" % (len(delivered), len(indexes)))
    check(len(set(delivered)) == len(delivered), "two records acknowledged at the same offset")


def consume(consumer, received, count, settle=0.0):
    """Polls until `count` records arrived (then `settle` more seconds, to catch extra ones)."""
    deadline = time.time() + 60
    while received.count() < count:
        check(time.time() < deadline, "read %d of %d records within 60 s" % (received.count(), count))
        msg = consumer.poll(0.5)
        if msg is None:
            continue
        check(msg.error() is None, "consume error: %s" % msg.error())
        received.add(msg.partition(), msg.offset(), msg.key().decode(), msg.value().decode(), msg.headers())
    settle_until = time.time() + settle
    while time.time() < settle_until:
        msg = consumer.poll(0.2)
        if msg is not None:
            check(msg.error() is None, "consume error: %s" % msg.error())
            received.add(msg.partition(), msg.offset(), msg.key().decode(), msg.value().decode(), msg.headers())


def check_group(admin, group, topic):
    """The group is listed and described while its one member holds every partition."""
    found = admin.list_groups(group=group, timeout=10)
    check(len(found) == 1 and found[0].id == group, "list_groups(%s): %r" % (group, found))
    g = found[0]
    check(g.error is None, "group %s error %s" % (group, g.error))
    check(g.state == "Stable", "group %s state %s, expected Stable" % (group, g.state))
    check(g.protocol_type == "consumer", "group protocol type %r" % g.protocol_type)
    check(len(g.members) == 1, "group %s has %d members, expected 1" % (group, len(g.members)))
    listed = [x.id for x in admin.list_groups(timeout=10)]
    check(group in listed, "group %s missing from list_groups(): %s" % (group, listed))
    if hasattr(admin, "list_consumer_groups"):
        valid = admin.list_consumer_groups(request_timeout=10).result(TIMEOUT).valid
        check(group in [x.group_id for x in valid], "list_consumer_groups lacks %s" % group)
        desc = admin.describe_consumer_groups([group], request_timeout=10)[group].result(TIMEOUT)
        check(desc.state.name == "STABLE", "describe_consumer_groups state %s" % desc.state)
        assigned = sorted(tp.partition for m in desc.members for tp in m.assignment.topic_partitions if tp.topic == topic)
        check(assigned == list(range(GROWN_PARTITIONS)), "described assignment %s" % assigned)
    return "group listed and described (%s, %d member)" % (g.state, len(g.members))


def committed_offsets(bootstrap, admin, group, topic):
    """The group's committed offsets, read by a consumer that does not join (OffsetFetch) and, on
    bindings that have it, by the admin client too; both must agree."""
    reader = Consumer({"bootstrap.servers": bootstrap, "group.id": group, "enable.auto.commit": False})
    try:
        tps = reader.committed([TopicPartition(topic, p) for p in range(GROWN_PARTITIONS)], timeout=TIMEOUT)
    finally:
        reader.close()
    offsets = {tp.partition: tp.offset for tp in tps}
    check(all(tp.error is None for tp in tps), "committed() errors: %s" % [tp.error for tp in tps])
    if hasattr(admin, "list_consumer_group_offsets"):
        from confluent_kafka import ConsumerGroupTopicPartitions

        request = [ConsumerGroupTopicPartitions(group, [TopicPartition(topic, p) for p in range(GROWN_PARTITIONS)])]
        result = admin.list_consumer_group_offsets(request, request_timeout=10)[group].result(TIMEOUT)
        by_admin = {tp.partition: tp.offset for tp in result.topic_partitions}
        check(by_admin == offsets, "admin sees committed %s, consumer %s" % (by_admin, offsets))
    return offsets


def describe_topic_configs(admin, topic):
    return list(admin.describe_configs([ConfigResource("topic", topic)]).values())[0].result(TIMEOUT)


def shows(entries, overrides):
    """Whether described topic configs carry exactly these overrides, set on the topic."""
    return all(k in entries and entries[k].value == v and not entries[k].is_default for k, v in overrides.items())


def main(bootstrap, rf):
    step("confluent-kafka %s, librdkafka %s" % (BINDING, confluent_kafka.libversion()[0]))
    topic = unique_name("rdk-topic")
    group = unique_name("rdk-group")
    run_id = unique_name("rdk")
    admin = AdminClient({"bootstrap.servers": bootstrap})

    def all_brokers():
        md = admin.list_topics(timeout=10)
        check(len(md.brokers) == rf, "metadata lists brokers %s" % sorted(md.brokers))
        return md

    # A broker answers once it is part of the cluster, so its first answer names at least itself;
    # every broker holds a replica of the topic: wait for all of them to be listed.
    try:
        first = admin.list_topics(timeout=10)
    except KafkaException as e:
        raise CheckFailed("the first metadata request: %s (an answer listing no broker leaves librdkafka none to ask)" % e)
    check(first.brokers, "the first metadata answer lists no broker")
    cluster = wait_until("metadata listing %d brokers" % rf, TIMEOUT, all_brokers)
    check(cluster.controller_id in cluster.brokers, "controller %s is no listed broker" % cluster.controller_id)
    check(cluster.cluster_id, "no cluster id")
    brokers = set(cluster.brokers)
    if hasattr(admin, "describe_cluster"):
        described = admin.describe_cluster(request_timeout=10).result(TIMEOUT)
        check(sorted(n.id for n in described.nodes) == sorted(brokers), "describe_cluster nodes %s" % described.nodes)
        check(described.cluster_id == cluster.cluster_id, "describe_cluster id %s" % described.cluster_id)
    step("cluster %s: brokers %s, controller %d" % (cluster.cluster_id, sorted(brokers), cluster.controller_id))

    futures = admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=rf, config=CREATED_CONFIG)], request_timeout=TIMEOUT)
    futures[topic].result(TIMEOUT + 5)
    md = topic_ready(admin, topic, PARTITIONS, rf, brokers)
    step("created %s: leaders %s" % (topic, {p: md.partitions[p].leader for p in sorted(md.partitions)}))
    check(topic in admin.list_topics(timeout=10).topics, "created topic not in the full topic list")

    entries = settled(lambda: describe_topic_configs(admin, topic), lambda e: shows(e, CREATED_CONFIG), 30)
    for key, value in CREATED_CONFIG.items():
        check(entries[key].value == value and not entries[key].is_default, "created %s: %s" % (key, entries[key]))
    check(entries["cleanup.policy"].value == "delete", "cleanup.policy %s" % entries["cleanup.policy"].value)
    check(entries["min.insync.replicas"].value.isdigit(), "min.insync.replicas %s" % entries["min.insync.replicas"].value)
    broker_id = str(sorted(brokers)[0])
    broker_entries = list(admin.describe_configs([ConfigResource("broker", broker_id)]).values())[0].result(TIMEOUT)
    check("num.partitions" in broker_entries, "broker %s configs lack num.partitions" % broker_id)
    step("described configs: topic %d entries, broker %d" % (len(entries), len(broker_entries)))

    altered = admin.alter_configs([ConfigResource("topic", topic, set_config=ALTERED_CONFIG)], request_timeout=TIMEOUT)
    list(altered.values())[0].result(TIMEOUT)
    entries = settled(lambda: describe_topic_configs(admin, topic), lambda e: shows(e, ALTERED_CONFIG), 30)
    for key, value in ALTERED_CONFIG.items():
        check(entries[key].value == value and not entries[key].is_default, "altered %s: %s" % (key, entries[key]))
    for key in CREATED_CONFIG:
        check(entries[key].is_default, "%s left out of alter_configs is still set: %s" % (key, entries[key]))
    step("alter_configs replaced the topic's overrides with %s" % ALTERED_CONFIG)

    admin.create_partitions([NewPartitions(topic, GROWN_PARTITIONS)], request_timeout=TIMEOUT)[topic].result(TIMEOUT + 5)
    topic_ready(admin, topic, GROWN_PARTITIONS, rf, brokers)
    step("grew %s to %d partitions" % (topic, GROWN_PARTITIONS))

    producer = Producer({"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5})
    written_partition = {}
    produce(producer, topic, run_id, range(RECORDS), written_partition)
    step("produced %d records (idempotent, acks=all)" % RECORDS)

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    highs = {}
    for p in range(GROWN_PARTITIONS):
        tp = TopicPartition(topic, p)
        low, high = bounded(
            "watermarks of partition %d" % p, TIMEOUT + 5, lambda: consumer.get_watermark_offsets(tp, timeout=TIMEOUT)
        )
        check(low == 0, "partition %d starts at %d" % (p, low))
        highs[p] = high
    check(sum(highs.values()) == RECORDS, "high watermarks %s do not sum to %d" % (highs, RECORDS))
    step("watermarks (ListOffsets): %s" % highs)

    consumer.subscribe([topic])
    first = Received(run_id)
    consume(consumer, first, RECORDS)
    read = first.verify(range(RECORDS), written_partition)
    step("first member read %s" % read)
    group_summary = check_group(admin, group, topic)
    step(group_summary)
    commits = consumer.commit(asynchronous=False)
    check(all(tp.error is None for tp in commits), "commit errors: %s" % [tp.error for tp in commits])
    consumer.close()
    offsets = committed_offsets(bootstrap, admin, group, topic)
    # A partition that never held a record may have no position yet when the member commits
    # (librdkafka 2.0 commits only positions it has fetched): nothing committed (-1001) or 0.
    expected_ok = all(
        offsets[p] == high or (high == 0 and offsets[p] == OFFSET_INVALID) for p, high in highs.items()
    )
    check(expected_ok, "committed %s, expected the high watermarks %s" % (offsets, highs))
    step("committed and closed: %s" % offsets)

    # The records the second member reads come compressed, in every codec librdkafka has.
    codecs = ["gzip", "snappy", "lz4", "zstd"]
    per_codec = RESUMED_RECORDS // len(codecs)
    for n, codec in enumerate(codecs):
        compressed = Producer(
            {"bootstrap.servers": bootstrap, "enable.idempotence": True, "acks": "all", "linger.ms": 5, "compression.type": codec}
        )
        first_index = RECORDS + n * per_codec
        produce(compressed, topic, run_id, range(first_index, first_index + per_codec), written_partition)
    step("produced %d more records, %d in each of %s" % (RESUMED_RECORDS, per_codec, ", ".join(codecs)))
    second = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": group,
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    second.subscribe([topic])
    resumed = Received(run_id)
    consume(second, resumed, RESUMED_RECORDS, settle=2.0)
    resumed_read = resumed.verify(range(RECORDS, RECORDS + RESUMED_RECORDS), written_partition)
    second.commit(asynchronous=False)
    second.close()
    total = committed_offsets(bootstrap, admin, group, topic)
    check(sum(total.values()) == RECORDS + RESUMED_RECORDS, "committed after resume %s" % total)
    step("second member resumed from the commits: %s" % resumed_read)

    admin.delete_topics([topic], request_timeout=TIMEOUT)[topic].result(TIMEOUT + 5)
    wait_until("%s gone from metadata" % topic, TIMEOUT, lambda: topic not in admin.list_topics(timeout=10).topics)
    step("deleted %s" % topic)
    return "confluent-kafka %s / librdkafka %s against %d broker(s): admin, %d idempotent records, group commit and resume" % (
        BINDING,
        confluent_kafka.libversion()[0],
        len(brokers),
        RECORDS + RESUMED_RECORDS,
    )


if __name__ == "__main__":
    run(main)
