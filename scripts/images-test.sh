#!/usr/bin/env bash
# `make images-test`: builds both images and runs them for real: the broker image serves a
# producer and a consumer (BrokerImageIT); the node agent runs pods from the images in the engine
# (ContainerModeIT); the install bundle's Deployment runs the operator image in two pods under its
# ServiceAccount's projected token, with brokers from the broker image, until the example Cluster,
# Topic and ConsumerGroup are Ready and its RBAC matches its audited requests
# (OperatorServiceAccountIT). Where no container engine can run, says why in one line and skips.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! engine=$(scripts/container-engine.sh 2>/tmp/brook-container-engine.why); then
  echo "images-test: skipped: $(tail -1 /tmp/brook-container-engine.why)"
  exit 0
fi
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
mvn=${MVN:-mvn -B -ntp}

CONTAINER_ENGINE=$engine scripts/images.sh
images="-Dbrook.images.engine=$engine -Dbrook.images.version=$version"
$mvn -pl broker-image verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=BrokerImageIT $images
$mvn -pl e2e verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=ContainerModeIT $images
$mvn -pl operator verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=OperatorServiceAccountIT $images
