#!/usr/bin/env bash
# kcat (Debian 12's 1.7.1 on its librdkafka 2.0.2) against Brook: metadata listing (-L), an
# idempotent acks=all produce (-P), a plain read from the beginning (-C), and a consumer group
# (-G) that reads everything, commits, and on a second run resumes from its commits.
#
# Usage: kcat_compat.sh BOOTSTRAP REPLICATION_FACTOR, with BROOK_COMPAT_TOPIC naming a topic of
# 3 partitions and that replication factor, created beforehand (kcat has no admin requests).
set -uo pipefail

RECORDS=500
RESUMED=100
KEYS=13
PARTITIONS=3
STEP_TIMEOUT=60

bootstrap=${1:?usage: kcat_compat.sh BOOTSTRAP REPLICATION_FACTOR}
rf=${2:?usage: kcat_compat.sh BOOTSTRAP REPLICATION_FACTOR}
topic=${BROOK_COMPAT_TOPIC:?BROOK_COMPAT_TOPIC must name an existing topic}
run=compat-kcat-$(od -An -N5 -tx1 /dev/urandom | tr -d ' \n')
group=$run-group
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
started=$(date +%s.%N)

step() { echo "$(date +%H:%M:%S) $*"; }
fail() {
  echo "FAIL: $*"
  exit 1
}
# kcat with a deadline: a step that does not finish in time fails the run.
kc() {
  timeout --kill-after=5 "$STEP_TIMEOUT" kcat -b "$bootstrap" "$@"
  local status=$?
  [ $status -eq 124 ] && echo "kcat $* timed out after ${STEP_TIMEOUT} s" >&2
  return $status
}

step "kcat $(kcat -V | sed -n 's/^Version \([^ ]*\) .*librdkafka \([^ ]*\).*/\1, librdkafka \2/p')"

# -L: brokers, and the topic's partitions each led by a listed broker with rf replicas in sync.
kc -L -J -t "$topic" >"$work/metadata.json" || fail "kcat -L: exit $?"
brokers=$(jq '.brokers | length' "$work/metadata.json")
[ "$brokers" -eq "$rf" ] || fail "-L lists $brokers brokers, expected $rf: $(cat "$work/metadata.json")"
jq -e --argjson parts "$PARTITIONS" --argjson rf "$rf" '
  [.brokers[].id] as $ids
  | .topics[0] as $t
  | ($t.partitions | length) == $parts
    and all($t.partitions[]; (.leader as $l | $ids | index($l)) != null
                             and (.replicas | length) == $rf and (.isrs | length) == $rf)' \
  "$work/metadata.json" >/dev/null || fail "-L topic metadata: $(jq -c '.topics' "$work/metadata.json")"
step "-L: $brokers broker(s), $topic with $PARTITIONS partitions led and in sync"

# The i-th record: key|value; every record also carries the headers run=<run> and format=kcat.
records() {
  for ((i = $1; i < $2; i++)); do
    echo "key-$((i % KEYS))|value-$i"
  done
}

# produce FROM TO [CODEC]
produce() {
  records "$1" "$2" >"$work/in-$1.txt"
  kc -P -t "$topic" -K '|' -H "run=$run" -H "format=kcat" -z "${3:-none}" \
    -X enable.idempotence=true -X acks=all -X message.timeout.ms=30000 \
    <"$work/in-$1.txt" 2>"$work/produce-$1.err" || fail "kcat -P: exit $?: $(cat "$work/produce-$1.err")"
  ! grep -qi 'error\|fail' "$work/produce-$1.err" || fail "kcat -P reported: $(cat "$work/produce-$1.err")"
}

# Checks a read (lines partition|offset|key|value|headers) holds exactly records [from, to):
# each once, key matching value, headers as written, offsets consecutive and writes in order
# per partition.
verify() {
  local file=$1 from=$2 to=$3 what=$4
  local count
  count=$(grep -c . "$file")
  [ "$count" -eq $((to - from)) ] || fail "$what: read $count records, expected $((to - from)): $(head -3 "$file")"
  awk -F'|' -v from="$from" -v to="$to" -v keys="$KEYS" -v run="$run" '
    {
      p = $1; o = $2; k = $3; v = $4; h = $5
      split(v, parts, "-"); i = parts[2] + 0
      if (v != "value-" i || i < from || i >= to) { print "unexpected value " v; bad = 1; exit }
      if (k != "key-" (i % keys)) { print "record " i " has key " k; bad = 1; exit }
      if (h != "run=" run ",format=kcat") { print "record " i " has headers " h; bad = 1; exit }
      if (seen[i]++) { print "record " i " read twice"; bad = 1; exit }
      if ((p in last) && (o != lastoff[p] + 1 || i <= last[p])) {
        print "partition " p ": offset " o " (record " i ") after " lastoff[p] " (record " last[p] ")"; bad = 1; exit
      }
      last[p] = i; lastoff[p] = o
    }
    END { exit bad }' "$file" || fail "$what: $(awk -F'|' 'NR<=3' "$file")"
}

FORMAT='%p|%o|%k|%s|%h\n'

produce 0 "$RECORDS"
step "-P: $RECORDS keyed records with headers (idempotent, acks=all)"

kc -C -t "$topic" -o beginning -e -q -f "$FORMAT" >"$work/plain.txt" 2>"$work/plain.err" ||
  fail "kcat -C: exit $?: $(tail -5 "$work/plain.err")"
verify "$work/plain.txt" 0 "$RECORDS" "-C"
step "-C: read back $RECORDS records from the beginning"

# -o -N: the last N records of each partition, from the end offsets (ListOffsets for the latest).
TAIL=10
expected_tail=$(awk -F'|' -v n=$TAIL '{ c[$1]++ } END { for (p in c) t += (c[p] < n ? c[p] : n); print t }' "$work/plain.txt")
kc -C -t "$topic" -o -$TAIL -e -q -f "$FORMAT" >"$work/tail.txt" 2>"$work/tail.err" ||
  fail "kcat -C -o -$TAIL: exit $?: $(tail -5 "$work/tail.err")"
tail_count=$(grep -c . "$work/tail.txt")
[ "$tail_count" -eq "$expected_tail" ] || fail "-C -o -$TAIL: read $tail_count records, expected $expected_tail"
# "partition last-offset" per partition of a read, sorted
last_offsets() {
  awk -F'|' '{ if (!($1 in last) || $2 > last[$1]) last[$1] = $2 } END { for (p in last) print p, last[p] }' "$1" | sort
}
[ "$(last_offsets "$work/tail.txt")" = "$(last_offsets "$work/plain.txt")" ] ||
  fail "-C -o -$TAIL: did not end at each partition's last record: $(last_offsets "$work/tail.txt" | tr '\n' ' ')"
step "-C -o -$TAIL: read the last $expected_tail records, ending at each partition's last"

# No -o here: in -G mode kcat assigns an -o offset explicitly, overriding the group's commits.
group_read() {
  kc -G "$group" -X auto.offset.reset=earliest -e -q -f "$FORMAT" -X enable.auto.commit=true -X auto.commit.interval.ms=500 \
    "$topic" >"$work/$1.txt" 2>"$work/$1.err" || fail "kcat -G ($1): exit $?: $(tail -5 "$work/$1.err")"
}

group_read group-first
verify "$work/group-first.txt" 0 "$RECORDS" "-G first"
step "-G $group: read $RECORDS records, committed on close"

produce "$RECORDS" $((RECORDS + RESUMED)) snappy
step "-P: $RESUMED more, snappy-compressed"
group_read group-resumed
verify "$work/group-resumed.txt" "$RECORDS" $((RECORDS + RESUMED)) "-G resumed"
step "-G $group again: resumed from the commits, read the $RESUMED new records only"

awk -v started="$started" -v now="$(date +%s.%N)" -v brokers="$brokers" -v n=$((RECORDS + RESUMED)) 'BEGIN {
  printf "OK kcat against %d broker(s): -L, -P %d records, -C from the beginning and the end, -G read and resume (%.1f s)\n", brokers, n, now - started
}'
