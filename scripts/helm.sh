#!/usr/bin/env bash
# Runs the pinned Helm (built once from its Go module into ~/.cache/brook, as the control plane's
# binaries are), passing the arguments on: scripts/helm.sh template ...
set -euo pipefail
version=v4.3.2
dir=${BROOK_CACHE:-$HOME/.cache/brook}/helm-$version
if [ ! -x "$dir/helm" ]; then
  echo "helm.sh: building helm $version into $dir (once)" >&2
  mkdir -p "$dir"
  GOBIN="$dir" GOFLAGS=-mod=mod go install "helm.sh/helm/v4/cmd/helm@$version" >&2
fi
exec "$dir/helm" "$@"
