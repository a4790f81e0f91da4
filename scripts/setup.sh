#!/usr/bin/env bash
# Installs what a fresh machine lacks to build and test Brook: a Java 17 JDK and Maven, the clients
# of the compat module's tests
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

# The Go client compatibility programs (compat/clients/go) need Go 1.26 (franz-go, Sarama); from
# Go 1.21 on, the go command fetches the toolchain a module asks for by itself (GOTOOLCHAIN=auto),
# but Debian 12's golang-go is 1.19: then install the official release under /usr/local/go.
go_minor=$(go env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [ -z "$go_minor" ] || [ "$go_minor" -lt 21 ]; then
  echo "setup: installing Go 1.26.8 under /usr/local/go (found go1.${go_minor:-?})"
  command -v curl >/dev/null 2>&1 || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq curl; }
  curl -fsSL "https://go.dev/dl/go1.26.8.linux-$(dpkg --print-architecture).tar.gz" -o /tmp/go.tar.gz
  $SUDO rm -rf /usr/local/go && $SUDO tar -C /usr/local -xzf /tmp/go.tar.gz && rm -f /tmp/go.tar.gz
  $SUDO ln -sf /usr/local/go/bin/go /usr/local/bin/go
fi

# librdkafka, through its Python binding, for the cross-client compatibility test (LibrdkafkaIT).
if ! python3 -c "import confluent_kafka" >/dev/null 2>&1; then
  command -v pip3 >/dev/null 2>&1 || { $SUDO apt-get update -qq; DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-pip; }
  echo "setup: installing confluent-kafka (librdkafka) for Python"
  pip3 install --quiet --disable-pip-version-check confluent-kafka==2.16.1 \
    || pip3 install --quiet --disable-pip-version-check --break-system-packages confluent-kafka==2.16.1
fi

# Clients of other languages and ages for the compat module's tests: librdkafka 2.0.2 as Debian 12
# ships it (python3-confluent-kafka for Debian's own /usr/bin/python3, and kcat), kafka-python,
# and KafkaJS (npm ci into compat/clients/node from its lock file).
debian_need=()
/usr/bin/python3 -c "import confluent_kafka" >/dev/null 2>&1 || debian_need+=(python3-confluent-kafka)
command -v kcat >/dev/null 2>&1 || debian_need+=(kcat)
command -v npm >/dev/null 2>&1 || debian_need+=(npm)
if [ ${#debian_need[@]} -gt 0 ]; then
  echo "setup: installing ${debian_need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${debian_need[@]}"
fi
if ! python3 -c "import kafka; assert kafka.__version__ == '2.2.15'" >/dev/null 2>&1; then
  echo "setup: installing kafka-python for Python"
  pip3 install --quiet --disable-pip-version-check kafka-python==2.2.15 \
    || pip3 install --quiet --disable-pip-version-check --break-system-packages kafka-python==2.2.15
fi
node_dir="$(cd "$(dirname "$0")/.." && pwd)/compat/clients/node"
if ! (cd "$node_dir" && node -e "process.exit(require('kafkajs/package.json').version === '2.2.4' ? 0 : 1)") >/dev/null 2>&1; then
  echo "setup: installing KafkaJS (npm ci in compat/clients/node)"
  (cd "$node_dir" && npm ci --silent --no-audit --no-fund)
fi

java_major=$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')
if [ "$java_major" -lt 17 ]; then
  echo "setup: Java 17 or newer is required (found javac $java_major)" >&2
  exit 1
fi
