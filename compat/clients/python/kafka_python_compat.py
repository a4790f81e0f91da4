"""kafka-python (pure Python, its own protocol code) against Brook: admin, an idempotent acks=all
producer, a consumer group that commits and a second member that resumes from the commits.

Usage: kafka_python_compat.py BOOTSTRAP REPLICATION_FACTOR
"""
import time

import kafka
from kafka import KafkaConsumer, KafkaProducer, TopicPartition
from kafka.admin import ConfigResource, ConfigResourceType, KafkaAdminClient, NewPartitions, NewTopic

from compat_common import (
    ALTERED_CONFIG,
    CREATED_CONFIG,
    GROWN_PARTITIONS,
    PARTITIONS,
    RECORDS,
    RESUMED_RECORDS,
    Received,
    check,
    record,
    run,
    settled,
    step,
    unique_name,
    wait_until,
)

TIMEOUT = 30


def no_errors(what, response, key):
    """Fails when any entry of the response's `key` list carries a non-zero error code."""
    entries = response.to_object()[key]
    errors = [e for e in entries if e.get("error_code", 0) != 0]
    check(not errors, "%s: %s" % (what, errors))
    return entries


TOPIC_CONFIG_SOURCE = 1  # DescribeConfigs v1+: the value is the topic's own override


def topic_configs(admin, topic):
    """The topic's configs: key -> (value, source)."""
    responses = admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, topic)])
    resources = [r for resp in responses for r in no_errors("describe_configs", resp, "resources")]
    return {c["config_names"]: (c["config_value"], c["config_source"]) for r in resources for c in r["config_entries"]}


def shows(entries, overrides):
    """Whether described topic configs carry exactly these overrides as topic-level values."""
    return all(entries.get(k) == (v, TOPIC_CONFIG_SOURCE) for k, v in overrides.items())


def topic_ready(admin, topic, partitions, rf, brokers):
    def probe():
        described = admin.describe_topics([topic])
        if len(described) != 1 or described[0]["error_code"] != 0:
            return None
        parts = described[0]["partitions"]
        if len(parts) != partitions:
            return None
        for p in parts:
            if p["error_code"] != 0 or p["leader"] not in brokers or len(p["replicas"]) != rf or len(p["isr"]) != rf:
                return None
        return {p["partition"]: p["leader"] for p in parts}

    return wait_until("topic %s with %d partitions led and in sync" % (topic, partitions), TIMEOUT, probe)


def produce(producer, topic, run_id, indexes, written_partition):
    futures = []
    for i in indexes:
        key, value, headers = record(run_id, i)
        futures.append((i, producer.send(topic, key=key.encode(), value=value.encode(), headers=headers)))
    producer.flush(TIMEOUT)
    acknowledged = set()
    for i, future in futures:
        check(future.is_done, "record %d unacknowledged after %d s" % (i, TIMEOUT))
        metadata = future.get(timeout=1)  # raises the delivery error, if any
        written_partition[i] = metadata.partition
        acknowledged.add((metadata.partition, metadata.offset))
    check(len(acknowledged) == len(futures), "two records acknowledged at the same offset")


def consume(consumer, received, count, settle=0.0):
    deadline = time.time() + 60
    settle_until = None
    while True:
        now = time.time()
        if received.count() >= count:
            settle_until = settle_until or now + settle
            if now >= settle_until:
                return
        else:
            check(now < deadline, "read %d of %d records within 60 s" % (received.count(), count))
        for tp, records in consumer.poll(timeout_ms=500).items():
            for r in records:
                received.add(tp.partition, r.offset, r.key.decode(), r.value.decode(), r.headers)


def new_producer(bootstrap, compression=None):
    return KafkaProducer(
        bootstrap_servers=bootstrap,
        acks="all",
        enable_idempotence=True,
        linger_ms=5,
        compression_type=compression,
        client_id="compat-kafka-python",
        request_timeout_ms=TIMEOUT * 1000,
        max_block_ms=TIMEOUT * 1000,
        api_version_auto_timeout_ms=TIMEOUT * 1000,
    )


def new_consumer(bootstrap, group):
    return KafkaConsumer(
        bootstrap_servers=bootstrap,
        group_id=group,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
        client_id="compat-kafka-python",
        request_timeout_ms=TIMEOUT * 1000,  # also bounds beginning_offsets/end_offsets
        # kafka-python probes the broker's API versions with a 2 s default, too short for a
        # broker of a freshly started cluster on a loaded machine.
        api_version_auto_timeout_ms=TIMEOUT * 1000,
    )


def check_group(admin, group, topic):
    listed = admin.list_consumer_groups()
    check(group in [g[0] for g in listed], "list_consumer_groups lacks %s: %s" % (group, listed))
    described = admin.describe_consumer_groups([group])
    check(len(described) == 1, "describe_consumer_groups: %r" % described)
    g = described[0]
    check(g.group == group and g.error_code == 0, "described %r" % (g,))
    check(g.state == "Stable", "group state %s, expected Stable" % g.state)
    check(g.protocol_type == "consumer", "protocol type %r" % g.protocol_type)
    check(len(g.members) == 1, "%d members, expected 1" % len(g.members))
    assignment = g.members[0].member_assignment
    assigned = sorted(p for t, ps in assignment.assignment for p in ps if t == topic)
    check(assigned == list(range(GROWN_PARTITIONS)), "described assignment %s" % assigned)
    return "group listed and described (%s, 1 member holding %s)" % (g.state, assigned)


def committed(admin, group, topic):
    offsets = admin.list_consumer_group_offsets(group)
    return {tp.partition: om.offset for tp, om in offsets.items() if tp.topic == topic}


def main(bootstrap, rf):
    step("kafka-python %s" % kafka.__version__)
    topic = unique_name("kpy-topic")
    group = unique_name("kpy-group")
    run_id = unique_name("kpy")
    admin = KafkaAdminClient(
        bootstrap_servers=bootstrap,
        client_id="compat-kafka-python",
        request_timeout_ms=TIMEOUT * 1000,
        api_version_auto_timeout_ms=TIMEOUT * 1000,
    )

    def all_brokers():
        described = admin.describe_cluster()
        check(len(described["brokers"]) == rf, "describe_cluster lists brokers %s" % described["brokers"])
        return described

    # The client's constructor already needed a broker list naming the controller; every broker
    # holds a replica of the topic: wait for all of them to be listed.
    cluster = wait_until("describe_cluster listing %d brokers" % rf, TIMEOUT, all_brokers)
    brokers = {b["node_id"] for b in cluster["brokers"]}
    check(cluster["controller_id"] in brokers, "controller %s is no listed broker" % cluster["controller_id"])
    check(cluster.get("cluster_id"), "no cluster id: %r" % cluster)
    step("cluster %s: brokers %s, controller %d" % (cluster["cluster_id"], sorted(brokers), cluster["controller_id"]))

    response = admin.create_topics([NewTopic(topic, num_partitions=PARTITIONS, replication_factor=rf, topic_configs=CREATED_CONFIG)], timeout_ms=TIMEOUT * 1000)
    no_errors("create_topics", response, "topic_errors")
    leaders = topic_ready(admin, topic, PARTITIONS, rf, brokers)
    check(topic in admin.list_topics(), "created topic not in list_topics()")
    step("created %s: leaders %s" % (topic, leaders))

    entries = settled(lambda: topic_configs(admin, topic), lambda e: shows(e, CREATED_CONFIG), 30)
    for key, value in CREATED_CONFIG.items():
        check(entries.get(key) == (value, TOPIC_CONFIG_SOURCE), "created %s: %r" % (key, entries.get(key)))
    check(entries["cleanup.policy"][0] == "delete", "cleanup.policy %r" % (entries["cleanup.policy"],))
    check(entries["min.insync.replicas"][0].isdigit(), "min.insync.replicas %r" % (entries["min.insync.replicas"],))
    broker_id = sorted(brokers)[0]
    responses = admin.describe_configs([ConfigResource(ConfigResourceType.BROKER, str(broker_id))])
    resources = [r for resp in responses for r in no_errors("describe_configs broker", resp, "resources")]
    broker_entries = {c["config_names"] for r in resources for c in r["config_entries"]}
    check("num.partitions" in broker_entries, "broker %d configs lack num.partitions" % broker_id)
    step("described configs: topic %d entries, broker %d" % (len(entries), len(broker_entries)))

    no_errors("alter_configs", admin.alter_configs([ConfigResource(ConfigResourceType.TOPIC, topic, configs=ALTERED_CONFIG)]), "resources")
    entries = settled(lambda: topic_configs(admin, topic), lambda e: shows(e, ALTERED_CONFIG), 30)
    for key, value in ALTERED_CONFIG.items():
        check(entries.get(key) == (value, TOPIC_CONFIG_SOURCE), "altered %s: %r" % (key, entries.get(key)))
    for key in CREATED_CONFIG:
        check(entries[key][1] != TOPIC_CONFIG_SOURCE, "%s left out of alter_configs is still %r" % (key, entries[key]))
    step("alter_configs replaced the topic's overrides with %s" % ALTERED_CONFIG)

    response = admin.create_partitions({topic: NewPartitions(GROWN_PARTITIONS)}, timeout_ms=TIMEOUT * 1000)
    no_errors("create_partitions", response, "topic_errors")
    topic_ready(admin, topic, GROWN_PARTITIONS, rf, brokers)
    step("grew %s to %d partitions" % (topic, GROWN_PARTITIONS))

    producer = new_producer(bootstrap)
    written_partition = {}
    produce(producer, topic, run_id, range(RECORDS), written_partition)
    step("produced %d records (idempotent, acks=all)" % RECORDS)

    consumer = new_consumer(bootstrap, group)
    tps = [TopicPartition(topic, p) for p in range(GROWN_PARTITIONS)]
    starts = consumer.beginning_offsets(tps)
    ends = consumer.end_offsets(tps)
    check(all(v == 0 for v in starts.values()), "beginning offsets %s" % starts)
    highs = {tp.partition: off for tp, off in ends.items()}
    check(sum(highs.values()) == RECORDS, "end offsets %s do not sum to %d" % (highs, RECORDS))
    step("end offsets (ListOffsets): %s" % highs)

    consumer.subscribe([topic])
    first = Received(run_id)
    consume(consumer, first, RECORDS)
    step("first member read %s" % first.verify(range(RECORDS), written_partition))
    step(check_group(admin, group, topic))
    consumer.commit()
    consumer.close()
    offsets = committed(admin, group, topic)
    check(offsets == highs, "committed %s, expected the end offsets %s" % (offsets, highs))
    step("committed and closed: %s" % offsets)

    producer.close(timeout=TIMEOUT)
    # The records the second member reads come gzip-compressed (the codec kafka-python has built in).
    gzipped = new_producer(bootstrap, compression="gzip")
    produce(gzipped, topic, run_id, range(RECORDS, RECORDS + RESUMED_RECORDS), written_partition)
    gzipped.close(timeout=TIMEOUT)
    step("produced %d more records, gzip-compressed" % RESUMED_RECORDS)
    second = new_consumer(bootstrap, group)
    second.subscribe([topic])
    resumed = Received(run_id)
    consume(second, resumed, RESUMED_RECORDS, settle=2.0)
    resumed_read = resumed.verify(range(RECORDS, RECORDS + RESUMED_RECORDS), written_partition)
    second.commit()
    second.close()
    total = committed(admin, group, topic)
    check(sum(total.values()) == RECORDS + RESUMED_RECORDS, "committed after resume %s" % total)
    step("second member resumed from the commits: %s" % resumed_read)

    no_errors("delete_topics", admin.delete_topics([topic], timeout_ms=TIMEOUT * 1000), "topic_error_codes")
    wait_until("%s gone from metadata" % topic, TIMEOUT, lambda: topic not in admin.list_topics())
    step("deleted %s" % topic)
    admin.close()
    return "kafka-python %s against %d broker(s): admin, %d idempotent records, group commit and resume" % (
        kafka.__version__,
        len(brokers),
        RECORDS + RESUMED_RECORDS,
    )


if __name__ == "__main__":
    run(main)
