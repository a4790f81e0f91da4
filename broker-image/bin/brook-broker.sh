#!/bin/sh
# Starts the Brook broker JVM: the image's entrypoint. Arguments go to the broker unchanged.
#
# Heap: BROOK_HEAP_OPTS when set (the operator sets it from spec.jvmOptions -Xms/-Xmx), replacing
# the default entirely, as KAFKA_HEAP_OPTS does for Kafka. The default leaves most of the
# container's memory to the page cache, which serves fetches: a quarter of the cgroup memory
# limit, at most 6g, as both -Xms and -Xmx; -Xms1g -Xmx1g (kafka-server-start.sh's default) when
# the container has no limit. Other JVM options: BROOK_JVM_OPTS (spec.jvmOptions -XX and
# javaSystemProperties), space-separated; globbing is off so no option is expanded.
#
# For tests: JAVA (the java binary), BROOK_JAR and BROOK_CGROUP_ROOT (default /sys/fs/cgroup).
set -eu
set -f

cgroup=${BROOK_CGROUP_ROOT:-/sys/fs/cgroup}
max_heap_mb=6144

# The container's memory limit in bytes, or nothing when it has none (cgroup v2, then v1; v1
# reports "no limit" as a number near 2^63).
memory_limit() {
  if [ -r "$cgroup/memory.max" ]; then
    limit=$(cat "$cgroup/memory.max")
    [ "$limit" = "max" ] || echo "$limit"
  elif [ -r "$cgroup/memory/memory.limit_in_bytes" ]; then
    limit=$(cat "$cgroup/memory/memory.limit_in_bytes")
    [ "${#limit}" -ge 19 ] || echo "$limit"
  fi
}

default_heap() {
  limit=$(memory_limit)
  if [ -z "$limit" ]; then
    echo "-Xms1g -Xmx1g"
    return
  fi
  heap_mb=$((limit / 4 / 1048576))
  [ "$heap_mb" -le "$max_heap_mb" ] || heap_mb=$max_heap_mb
  echo "-Xms${heap_mb}m -Xmx${heap_mb}m"
}

heap=${BROOK_HEAP_OPTS:-$(default_heap)}
# shellcheck disable=SC2086 # word splitting of the option lists is intended
exec "${JAVA:-java}" $heap ${BROOK_JVM_OPTS:-} -jar "${BROOK_JAR:-/opt/brook/brook-broker.jar}" "$@"
