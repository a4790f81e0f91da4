#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test Brook: a Java 17 JDK and Maven
# (Go too, for the local Kubernetes control plane used by e2e tests). Idempotent and quiet
# when everything is already there.
set -euo pipefail

need=()
command -v javac >/dev/null 2>&1 || need+=(openjdk-17-jdk-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)
command -v make >/dev/null 2>&1 || need+=(make)
command -v go >/dev/null 2>&1 || need+=(golang-go)

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
fi

# librdkafka, through its Python binding, for the cross-client compatibility test (LibrdkafkaIT).
if ! python3 -c "import confluent_kafka" >/dev/null 2>&1; then
  command -v pip3 >/dev/null 2>&1 || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip; }
  echo "setup: installing confluent-kafka (librdkafka) for Python"
  pip3 install --quiet --disable-pip-version-check confluent-kafka==2.16.1 \
    || pip3 install --quiet --disable-pip-version-check --break-system-packages confluent-kafka==2.16.1
fi

java_major=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
if [ "$java_major" -lt 17 ]; then
  echo "setup: Java 17 or newer is required (found javac $java_major)" >&2
  exit 1
fi
