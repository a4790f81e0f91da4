#!/usr/bin/env bash
# `make dev IMAGES=1`: the local Kubernetes of `make dev` with everything from the images, as on a
# real cluster: builds the images, starts the node agent with the container engine (pods whose
# image is built run as containers on the host network, each on its own 127.x pod IP), installs
# the operator with its bundle (e2e/install: manifests/ plus the one local difference) and waits
# until its Deployment is available. The operator then runs in its pods under its ServiceAccount.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if ! engine=$("$root/scripts/container-engine.sh" 2>/tmp/brook-container-engine.why); then
  echo "make dev IMAGES=1: no container engine: $(tail -1 /tmp/brook-container-engine.why)" >&2
  exit 1
fi
SKIP_JARS=1 CONTAINER_ENGINE=$engine "$root/scripts/images.sh"
BROOK_CONTAINER_ENGINE=$engine "$root/e2e/dev-cluster.sh" start
export KUBECONFIG="$root/.dev/kubeconfig"
kubectl="$(bash "$root/e2e/controlplane/build.sh")/kubectl"
"$kubectl" apply --server-side -k "$root/e2e/install" >/dev/null
"$kubectl" -n brook-system rollout status deployment/brook-operator --timeout=180s
cat <<USAGE
The operator runs from its image in brook-system (two replicas, one leader):
  $kubectl -n brook-system get pods -o wide
  $kubectl apply -n default -f manifests/examples/single-broker/
Operator logs: .dev/cluster/node-agent/logs/brook-system/<pod>/operator.log
USAGE
