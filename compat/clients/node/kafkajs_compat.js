// KafkaJS (its own protocol code in JavaScript) against Brook: admin, an idempotent acks=all
// producer, a consumer group that commits and a second member that resumes from the commits.
//
// Usage: node kafkajs_compat.js BOOTSTRAP REPLICATION_FACTOR
'use strict';

const crypto = require('crypto');
const { Kafka, logLevel, ConfigResourceTypes, CompressionTypes, Partitioners } = require('kafkajs');
const kafkajsVersion = require('kafkajs/package.json').version;

const RECORDS = 500;
const RESUMED_RECORDS = 100;
const PARTITIONS = 3;
const GROWN_PARTITIONS = 4;
const KEYS = 13;
const TIMEOUT_MS = 30000;
// Created with this override; alterConfigs (the legacy, whole-set AlterConfigs) then sets ALTERED
// alone, so the created override must go back to its default.
const CREATED_CONFIG = { name: 'max.message.bytes', value: '2000000' };
const ALTERED_CONFIG = { name: 'retention.ms', value: '3600000' };
const TOPIC_CONFIG_SOURCE = 1; // DescribeConfigs v1+: the value is the topic's own override

class CheckFailed extends Error {}

function check(condition, message) {
  if (!condition) throw new CheckFailed(message);
}

function step(message) {
  console.log(`${new Date().toISOString().slice(11, 19)} ${message}`);
}

function uniqueName(kind) {
  return `compat-${kind}-${crypto.randomBytes(5).toString('hex')}`;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Resolves with what `probe` returned once truthy; fails after timeoutMs with its last result.
async function waitUntil(what, timeoutMs, probe) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await probe();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() >= deadline) throw new CheckFailed(`${what}: not within ${timeoutMs} ms (last: ${last})`);
    await sleep(500);
  }
}

// A call that must settle within timeoutMs.
function bounded(what, timeoutMs, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new CheckFailed(`${what}: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function record(runId, i) {
  return {
    key: `key-${i % KEYS}`,
    value: `value-${i}-${'x'.repeat(i % 50)}`,
    headers: { index: String(i), run: runId },
  };
}

function range(from, to) {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

// What a consumer read, checked against the records written.
class Received {
  constructor(runId) {
    this.runId = runId;
    this.byPartition = new Map();
    this.indexes = [];
  }

  add(partition, offset, message) {
    const headers = {};
    for (const [k, v] of Object.entries(message.headers || {})) headers[k] = v.toString();
    check(headers.index !== undefined, `record at ${partition}/${offset} has no index header`);
    const i = Number(headers.index);
    const expected = record(this.runId, i);
    check(message.key.toString() === expected.key, `record ${i}: key ${message.key}, expected ${expected.key}`);
    check(message.value.toString() === expected.value, `record ${i}: value ${message.value}`);
    check(JSON.stringify(headers) === JSON.stringify(expected.headers), `record ${i}: headers ${JSON.stringify(headers)}`);
    if (!this.byPartition.has(partition)) this.byPartition.set(partition, []);
    this.byPartition.get(partition).push([Number(offset), i]);
    this.indexes.push(i);
  }

  verify(expectedIndexes, writtenPartition) {
    const got = [...this.indexes].sort((a, b) => a - b);
    check(
      JSON.stringify(got) === JSON.stringify(expectedIndexes),
      `read ${got.length} records (${new Set(got).size} distinct), expected ${expectedIndexes.length}`,
    );
    for (const [partition, entries] of this.byPartition) {
      entries.forEach(([offset, i], k) => {
        check(offset === entries[0][0] + k, `partition ${partition}: offsets not consecutive at ${offset}`);
        check(k === 0 || i > entries[k - 1][1], `partition ${partition}: records out of write order`);
        check(writtenPartition.get(i) === partition, `record ${i} read from ${partition}, acknowledged in ${writtenPartition.get(i)}`);
      });
    }
    return `${this.indexes.length} records in ${this.byPartition.size} partitions`;
  }
}

// The topic's config values by key; their sources go into `sources` when given.
async function topicConfigs(admin, topic, sources = {}) {
  const described = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic }],
    includeSynonyms: false,
  });
  check(described.resources[0].errorCode === 0, `describeConfigs error ${described.resources[0].errorCode}`);
  for (const c of described.resources[0].configEntries) sources[c.configName] = c.configSource;
  return Object.fromEntries(described.resources[0].configEntries.map((c) => [c.configName, c.configValue]));
}

async function topicReady(admin, topic, partitions, rf, brokers) {
  return waitUntil(`topic ${topic} with ${partitions} partitions led and in sync`, TIMEOUT_MS, async () => {
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const parts = topics[0].partitions;
    if (parts.length !== partitions) return null;
    const ok = parts.every(
      (p) => p.partitionErrorCode === 0 && brokers.has(p.leader) && p.replicas.length === rf && p.isr.length === rf,
    );
    return ok ? Object.fromEntries(parts.map((p) => [p.partitionId, p.leader])) : null;
  });
}

async function produce(producer, topic, runId, indexes, writtenPartition, compression = CompressionTypes.None) {
  // One send per record, in order, so each acknowledgement names its record's partition and offset.
  const acknowledged = new Set();
  const sendAll = async () => {
    for (const i of indexes) {
      const [meta] = await producer.send({ topic, acks: -1, timeout: TIMEOUT_MS, compression, messages: [record(runId, i)] });
      check(meta.errorCode === 0, `record ${i}: error ${meta.errorCode}`);
      writtenPartition.set(i, meta.partition);
      acknowledged.add(`${meta.partition}/${meta.baseOffset}`);
    }
  };
  await bounded(`acknowledgement of ${indexes.length} records`, 2 * TIMEOUT_MS, sendAll());
  check(acknowledged.size === indexes.length, 'two records acknowledged at the same offset');
}

// Runs a group member until `count` records arrived (then settleMs more), commits and disconnects.
async function consume(kafka, topic, group, received, count, settleMs) {
  const consumer = kafka.consumer({ groupId: group, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  let failure = null;
  const positions = new Map();
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      try {
        received.add(partition, message.offset, message);
        positions.set(partition, BigInt(message.offset) + 1n);
      } catch (e) {
        failure = failure || e;
      }
    },
  });
  await waitUntil(`${count} records read`, 60000, () => failure || received.indexes.length >= count);
  await sleep(settleMs);
  if (failure) throw failure;
  return { consumer, positions };
}

async function commitAndClose({ consumer, positions }, topic) {
  const offsets = [...positions].map(([partition, next]) => ({ topic, partition, offset: next.toString() }));
  await bounded('commit', TIMEOUT_MS, consumer.commitOffsets(offsets));
  await bounded('consumer disconnect', TIMEOUT_MS, consumer.disconnect());
}

async function committed(admin, group, topic) {
  const [result] = await admin.fetchOffsets({ groupId: group, topics: [topic] });
  return Object.fromEntries(result.partitions.map((p) => [p.partition, Number(p.offset)]));
}

async function checkGroup(admin, group, topic) {
  const { groups } = await admin.listGroups();
  check(groups.some((g) => g.groupId === group), `listGroups lacks ${group}`);
  const described = await admin.describeGroups([group]);
  const g = described.groups[0];
  check(g.groupId === group && g.errorCode === 0, `describeGroups: ${JSON.stringify(g)}`);
  check(g.state === 'Stable', `group state ${g.state}, expected Stable`);
  check(g.protocolType === 'consumer', `protocol type ${g.protocolType}`);
  check(g.members.length === 1, `${g.members.length} members, expected 1`);
  return `group listed and described (${g.state}, ${g.members.length} member)`;
}

async function main(bootstrap, rf) {
  step(`kafkajs ${kafkajsVersion}`);
  const topic = uniqueName('kjs-topic');
  const group = uniqueName('kjs-group');
  const runId = uniqueName('kjs');
  const kafka = new Kafka({
    clientId: 'compat-kafkajs',
    brokers: bootstrap.split(','),
    logLevel: logLevel.WARN,
    requestTimeout: TIMEOUT_MS,
    connectionTimeout: 5000,
    retry: { retries: 8 },
  });
  const admin = kafka.admin();
  await admin.connect();

  // A broker answers once it is part of the cluster, so its first answer names at least itself;
  // every broker holds a replica of the topic: wait for all of them to be listed.
  const firstAnswer = await admin.describeCluster();
  check(firstAnswer.brokers.length > 0, 'the first describeCluster answer lists no broker');
  const cluster = await waitUntil(`describeCluster listing ${rf} brokers`, TIMEOUT_MS, async () => {
    const described = await admin.describeCluster();
    check(described.brokers.length === rf, `describeCluster lists brokers ${JSON.stringify(described.brokers)}`);
    return described;
  });
  const brokers = new Set(cluster.brokers.map((b) => b.nodeId));
  check(brokers.has(cluster.controller), `controller ${cluster.controller} is no listed broker`);
  check(cluster.clusterId, 'no cluster id');
  step(`cluster ${cluster.clusterId}: brokers ${[...brokers].sort()}, controller ${cluster.controller}`);

  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: rf, configEntries: [CREATED_CONFIG] }],
    waitForLeaders: true,
    timeout: TIMEOUT_MS,
  });
  check(created === true, `createTopics returned ${created}`);
  const leaders = await topicReady(admin, topic, PARTITIONS, rf, brokers);
  check((await admin.listTopics()).includes(topic), 'created topic not in listTopics()');
  step(`created ${topic}: leaders ${JSON.stringify(leaders)}`);

  let entries = await topicConfigs(admin, topic);
  check(entries[CREATED_CONFIG.name] === CREATED_CONFIG.value, `created ${CREATED_CONFIG.name}: ${entries[CREATED_CONFIG.name]}`);
  check(entries['cleanup.policy'] === 'delete', `cleanup.policy ${entries['cleanup.policy']}`);
  check(/^\d+$/.test(entries['min.insync.replicas'] || ''), `min.insync.replicas ${entries['min.insync.replicas']}`);
  const brokerId = [...brokers].sort()[0];
  const brokerConfigs = await admin.describeConfigs({
    resources: [{ type: ConfigResourceTypes.BROKER, name: String(brokerId) }],
    includeSynonyms: false,
  });
  const brokerEntries = brokerConfigs.resources[0].configEntries.map((c) => c.configName);
  check(brokerEntries.includes('num.partitions'), `broker ${brokerId} configs lack num.partitions`);
  step(`described configs: topic ${Object.keys(entries).length} entries, broker ${brokerEntries.length}`);

  await admin.alterConfigs({
    validateOnly: false,
    resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: [ALTERED_CONFIG] }],
  });
  const sources = {};
  entries = await topicConfigs(admin, topic, sources);
  check(entries[ALTERED_CONFIG.name] === ALTERED_CONFIG.value, `altered ${ALTERED_CONFIG.name}: ${entries[ALTERED_CONFIG.name]}`);
  check(sources[ALTERED_CONFIG.name] === TOPIC_CONFIG_SOURCE, `altered ${ALTERED_CONFIG.name} has source ${sources[ALTERED_CONFIG.name]}`);
  check(
    sources[CREATED_CONFIG.name] !== TOPIC_CONFIG_SOURCE,
    `${CREATED_CONFIG.name} left out of alterConfigs is still ${entries[CREATED_CONFIG.name]}`,
  );
  step(`alterConfigs replaced the topic's overrides with ${JSON.stringify(ALTERED_CONFIG)}`);

  await admin.createPartitions({ topicPartitions: [{ topic, count: GROWN_PARTITIONS }], timeout: TIMEOUT_MS });
  await topicReady(admin, topic, GROWN_PARTITIONS, rf, brokers);
  step(`grew ${topic} to ${GROWN_PARTITIONS} partitions`);

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const writtenPartition = new Map();
  await produce(producer, topic, runId, range(0, RECORDS), writtenPartition);
  step(`produced ${RECORDS} records (idempotent, acks=all)`);

  const ends = await admin.fetchTopicOffsets(topic);
  const highs = Object.fromEntries(ends.map((p) => [p.partition, Number(p.high)]));
  check(ends.every((p) => Number(p.low) === 0), `low offsets ${JSON.stringify(ends)}`);
  check(Object.values(highs).reduce((a, b) => a + b, 0) === RECORDS, `high offsets ${JSON.stringify(highs)}`);
  step(`topic offsets (ListOffsets): ${JSON.stringify(highs)}`);

  const first = new Received(runId);
  const member = await consume(kafka, topic, group, first, RECORDS, 0);
  step(`first member read ${first.verify(range(0, RECORDS), writtenPartition)}`);
  step(await checkGroup(admin, group, topic));
  await commitAndClose(member, topic);
  const offsets = await committed(admin, group, topic);
  check(JSON.stringify(offsets) === JSON.stringify(highs), `committed ${JSON.stringify(offsets)}, expected ${JSON.stringify(highs)}`);
  step(`committed and closed: ${JSON.stringify(offsets)}`);

  // The records the second member reads come gzip-compressed (the codec KafkaJS has built in).
  await produce(producer, topic, runId, range(RECORDS, RECORDS + RESUMED_RECORDS), writtenPartition, CompressionTypes.GZIP);
  step(`produced ${RESUMED_RECORDS} more records, gzip-compressed`);
  await producer.disconnect();
  const resumed = new Received(runId);
  const second = await consume(kafka, topic, group, resumed, RESUMED_RECORDS, 2000);
  const resumedRead = resumed.verify(range(RECORDS, RECORDS + RESUMED_RECORDS), writtenPartition);
  await commitAndClose(second, topic);
  const total = await committed(admin, group, topic);
  check(
    Object.values(total).reduce((a, b) => a + b, 0) === RECORDS + RESUMED_RECORDS,
    `committed after resume ${JSON.stringify(total)}`,
  );
  step(`second member resumed from the commits: ${resumedRead}`);

  await admin.deleteTopics({ topics: [topic], timeout: TIMEOUT_MS });
  await waitUntil(`${topic} gone from metadata`, TIMEOUT_MS, async () => !(await admin.listTopics()).includes(topic));
  step(`deleted ${topic}`);
  await admin.disconnect();
  return `kafkajs ${kafkajsVersion} against ${brokers.size} broker(s): admin, ${RECORDS + RESUMED_RECORDS} idempotent records, group commit and resume`;
}

const started = Date.now();
const args = process.argv.slice(2);
if (args.length !== 2) {
  console.log('usage: kafkajs_compat.js BOOTSTRAP REPLICATION_FACTOR');
  process.exit(2);
}
bounded('the whole run', 240000, main(args[0], Number(args[1])))
  .then((summary) => {
    console.log(`OK ${summary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    process.exit(0);
  })
  .catch((e) => {
    console.log(e instanceof CheckFailed ? `FAIL: ${e.message}` : `FAIL: ${e.stack || e}`);
    process.exit(1);
  });
