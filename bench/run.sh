#!/usr/bin/env bash
# Compares Brook with Apache Kafka using Kafka's own perf tools; see bench/README.md.
# Called by `make bench` after `make build`. Settings come from BENCH_* environment variables,
# e.g. BENCH_QUICK=1 for a one-minute smoke run, BENCH_CLUSTER=3 for the replicated comparison.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
classes="$repo_root/bench/target/classes"
classpath_file="$repo_root/bench/target/runtime.classpath"

if [[ ! -d "$classes" || ! -s "$classpath_file" ]]; then
  echo "bench/run.sh: the bench module is not built; run 'make build' (or 'make bench') first" >&2
  exit 2
fi

exec java -Xmx256m -Duser.language=en -Duser.country=US \
  -Dlog4j2.configurationFile=bench-harness-log4j2.properties \
  -cp "$classes:$(cat "$classpath_file")" \
  dev.brook.bench.BenchMain "$repo_root"
