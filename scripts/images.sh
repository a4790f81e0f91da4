#!/usr/bin/env bash
# Builds the broker and operator images, tagged with the project version: the jars on the host
# (Maven), then each Dockerfile FROM BASE_IMAGE. Without BASE_IMAGE the base is the JRE image made
# here from Debian's packages (scripts/base-image.sh), since no registry can be reached; on a
# machine with one, e.g. BASE_IMAGE=eclipse-temurin:17-jre. Prints each image's build time and size.
set -euo pipefail
cd "$(dirname "$0")/.."

engine=${CONTAINER_ENGINE:-$(scripts/container-engine.sh)}
version=$(sed -n 's|^  <version>\(.*\)</version>|\1|p' pom.xml | head -1)
revision=$(git rev-parse HEAD 2>/dev/null || echo unknown)
source_url=$(git config --get remote.origin.url 2>/dev/null || echo unknown)
base=${BASE_IMAGE:-}
if [ -z "$base" ]; then
  scripts/base-image.sh "$engine"
  base=localhost/brook-base-jre:17
fi

if [ "${SKIP_JARS:-}" != 1 ]; then
  ${MVN:-mvn -B -ntp} -q -pl broker-image,operator -am -DskipTests -DskipITs package
fi

build() {
  local name=$1 dockerfile=$2 started
  started=$(date +%s)
  "$engine" build -q -f "$dockerfile" \
    --build-arg BASE_IMAGE="$base" --build-arg VERSION="$version" \
    --build-arg REVISION="$revision" --build-arg SOURCE="$source_url" \
    -t "$name:$version" . >/dev/null
  local size
  size=$("$engine" image inspect "$name:$version" --format '{{.Size}}')
  echo "images: $name:$version built in $(( $(date +%s) - started )) s, $(( size / 1024 / 1024 )) MiB (base $base)"
}
build brook-broker broker-image/Dockerfile
build brook-operator Dockerfile
