"""What the Python compatibility programs share: arguments, unique names, the records they write
and the checks on what they read back. Each program ends with "OK <summary>" (exit 0) or prints
"FAIL: <reason>" and exits 1."""
import os
import sys
import threading
import time
import traceback
import uuid

RECORDS = 500
RESUMED_RECORDS = 100
PARTITIONS = 3
GROWN_PARTITIONS = 4
KEYS = 13
# Created with this override; an alter-configs call (the legacy, whole-set AlterConfigs) then sets
# ALTERED alone, so the created override must go back to its default.
CREATED_CONFIG = {"max.message.bytes": "2000000"}
ALTERED_CONFIG = {"retention.ms": "3600000"}


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def step(message):
    print("%s %s" % (time.strftime("%H:%M:%S"), message), flush=True)


def arguments():
    if len(sys.argv) != 3:
        print("usage: %s BOOTSTRAP REPLICATION_FACTOR" % sys.argv[0])
        sys.exit(2)
    return sys.argv[1], int(sys.argv[2])


def unique_name(client):
    return "compat-%s-%s" % (client, uuid.uuid4().hex[:10])


def run(main):
    """Runs main(bootstrap, rf) -> summary, printing OK or FAIL and exiting accordingly."""
    bootstrap, rf = arguments()
    started = time.time()
    try:
        summary = main(bootstrap, rf)
    except CheckFailed as e:
        print("FAIL: %s" % e, flush=True)
        sys.exit(1)
    except Exception:
        traceback.print_exc()
        print("FAIL: unexpected exception", flush=True)
        sys.exit(1)
    print("OK %s (%.1f s)" % (summary, time.time() - started), flush=True)
    # Some clients leave non-daemon threads behind after a failure elsewhere; the verdict is out.
    sys.stdout.flush()
    os._exit(0)


def settled(describe, accepted, timeout, interval=0.3):
    """Calls describe() until accepted(result) holds or timeout seconds passed, and returns the last
    result either way, for the caller's checks to report. Metadata reaches each broker a moment
    after the controller committed it (as in KRaft), so a describe right after an alter may be
    answered by a broker that has not applied it yet."""
    deadline = time.time() + timeout
    while True:
        result = describe()
        if accepted(result) or time.time() >= deadline:
            return result
        time.sleep(interval)


def wait_until(what, timeout, probe, interval=0.5):
    """Calls probe() until it returns a truthy value; fails after timeout seconds with its last
    result or exception."""
    deadline = time.time() + timeout
    last = None
    while True:
        try:
            result = probe()
            if result:
                return result
            last = result
        except Exception as e:  # the probe's own failure is retried until the deadline
            last = e
        if time.time() >= deadline:
            raise CheckFailed("%s: not within %d s (last: %r)" % (what, timeout, last))
        time.sleep(interval)


def bounded(what, timeout, call):
    """call() run in a daemon thread: its result, or a failure once it ran for timeout seconds
    (some client calls ignore their own timeouts when the broker leaves a request unanswered)."""
    outcome = {}

    def target():
        try:
            outcome["result"] = call()
        except BaseException as e:
            outcome["error"] = e

    thread = threading.Thread(target=target, name=what, daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise CheckFailed("%s: no answer within %d s" % (what, timeout))
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def record(run_id, i):
    """The i-th record a program writes: (key, value, headers as a list of (str, bytes))."""
    return (
        "key-%d" % (i % KEYS),
        "value-%d-%s" % (i, "x" * (i % 50)),
        [("index", str(i).encode()), ("run", run_id.encode())],
    )


class Received:
    """What a consumer read, checked against the records written."""

    def __init__(self, run_id):
        self.run_id = run_id
        self.by_partition = {}
        self.indexes = []

    def add(self, partition, offset, key, value, headers):
        headers = dict((k, v) for k, v in (headers or []))
        check("index" in headers, "record at %d/%d has no index header: %r" % (partition, offset, headers))
        i = int(headers["index"].decode())
        exp_key, exp_value, exp_headers = record(self.run_id, i)
        check(key == exp_key, "record %d: key %r, expected %r" % (i, key, exp_key))
        check(value == exp_value, "record %d: value %r, expected %r" % (i, value, exp_value))
        check(headers == dict(exp_headers), "record %d: headers %r, expected %r" % (i, headers, exp_headers))
        self.by_partition.setdefault(partition, []).append((offset, i))
        self.indexes.append(i)

    def count(self):
        return len(self.indexes)

    def verify(self, expected_indexes, written_partition):
        """Every expected record exactly once, in write order and at consecutive offsets per
        partition, each in the partition its write was acknowledged in."""
        check(
            sorted(self.indexes) == sorted(expected_indexes),
            "read %d records (%d distinct), expected %d"
            % (len(self.indexes), len(set(self.indexes)), len(expected_indexes)),
        )
        for partition, entries in self.by_partition.items():
            offsets = [o for o, _ in entries]
            check(
                offsets == list(range(offsets[0], offsets[0] + len(offsets))),
                "partition %d: offsets not consecutive: %s..." % (partition, offsets[:10]),
            )
            indexes = [i for _, i in entries]
            check(indexes == sorted(indexes), "partition %d: records out of write order" % partition)
            for i in indexes:
                check(
                    written_partition[i] == partition,
                    "record %d read from partition %d, acknowledged in %d" % (i, partition, written_partition[i]),
                )
        return "%d records in %d partitions" % (len(self.indexes), len(self.by_partition))
