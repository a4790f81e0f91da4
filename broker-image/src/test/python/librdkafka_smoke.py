"""Drives a Brook broker with librdkafka (confluent-kafka), a client nobody here wrote.

Usage: librdkafka_smoke.py BOOTSTRAP. Exits non-zero with a message on the first failure.
Checks: admin create/list/describe, idempotent produce with each compression codec, keyed
ordering, headers, a consumer group that commits, and committed offsets read back.
"""
import sys
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, ConfigResource, NewTopic

RECORDS_PER_CODEC = 500
CODECS = ["none", "gzip", "snappy", "lz4", "zstd"]


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def main(bootstrap):
    admin = AdminClient({"bootstrap.servers": bootstrap})
    for future in admin.create_topics([NewTopic("rdk", num_partitions=3, replication_factor=1)]).values():
        future.result(30)
    if "rdk" not in admin.list_topics(timeout=10).topics:
        fail("created topic not listed")
    config = admin.describe_configs([ConfigResource("topic", "rdk")])
    for future in config.values():
        entries = future.result(30)
        if entries["cleanup.policy"].value != "delete":
            fail("unexpected cleanup.policy " + entries["cleanup.policy"].value)

    expected = []
    for codec in CODECS:
        errors = []
        producer = Producer(
            {
                "bootstrap.servers": bootstrap,
                "enable.idempotence": True,
                "compression.type": codec,
                "linger.ms": 5,
            }
        )
        for i in range(RECORDS_PER_CODEC):
            value = "%s-%d" % (codec, i)
            expected.append(value)
            producer.produce(
                "rdk",
                key="key-%d" % (i % 7),
                value=value,
                headers={"codec": codec.encode()},
                on_delivery=lambda err, msg: errors.append(err) if err else None,
            )
        if producer.flush(30) != 0:
            fail("%s: records still unacknowledged after 30 s" % codec)
        if errors:
            fail("%s: delivery errors %s" % (codec, errors[:3]))

    consumer = Consumer(
        {
            "bootstrap.servers": bootstrap,
            "group.id": "rdk-group",
            "auto.offset.reset": "earliest",
            "enable.auto.commit": False,
        }
    )
    consumer.subscribe(["rdk"])
    received = []
    by_key = {}
    deadline = time.time() + 60
    while len(received) < len(expected) and time.time() < deadline:
        message = consumer.poll(0.5)
        if message is None:
            continue
        if message.error():
            fail("consume error " + str(message.error()))
        value = message.value().decode()
        received.append(value)
        by_key.setdefault(message.key().decode(), []).append(value)
        if dict(message.headers())["codec"].decode() != value.split("-")[0]:
            fail("header lost on " + value)
    consumer.commit(asynchronous=False)
    committed = consumer.committed(
        [TopicPartition("rdk", p) for p in range(3)], timeout=10
    )
    consumer.close()

    if sorted(received) != sorted(expected):
        fail("consumed %d records, expected %d exactly once" % (len(received), len(expected)))
    for key, values in by_key.items():
        per_codec = {}
        for value in values:
            codec, index = value.split("-")
            per_codec.setdefault(codec, []).append(int(index))
        for codec, indexes in per_codec.items():
            if indexes != sorted(indexes):
                fail("order broken for %s in %s" % (key, codec))
    if sum(tp.offset for tp in committed) != len(expected):
        fail("committed offsets %s do not add up to %d" % (committed, len(expected)))
    print("OK %d records through librdkafka" % len(received))


if __name__ == "__main__":
    main(sys.argv[1])
