#!/usr/bin/env bash
# `make dev` / `make dev-down`: runs dev.brook.e2e.DevCluster (control plane + 6 simulated nodes)
# in the background. State, logs and the kubeconfig live in .dev/ at the repository root.
#
#   e2e/dev-cluster.sh start   # needs `mvn -pl e2e package` first (make dev does it)
#   BROOK_CONTAINER_ENGINE=podman e2e/dev-cluster.sh start   # pods from local images (IMAGES=1)
#   e2e/dev-cluster.sh stop
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="$root/.dev"
pid_file="$dev/dev-cluster.pid"
log="$dev/dev-cluster.log"

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  mkdir -p "$dev"
  if running; then
    echo "dev cluster already running (pid $(cat "$pid_file")); make dev-down stops it"
  else
    # The first start compiles the control plane (several minutes); later starts reuse the cache.
    bash "$root/e2e/controlplane/build.sh" >/dev/null
    classpath="$root/e2e/target/classes:$(cat "$root/e2e/target/runtime-classpath.txt")"
    rm -f "$dev/ready"
    nohup java -Dbrook.repo.dir="$root" -cp "$classpath" dev.brook.e2e.DevCluster .dev \
      >"$log" 2>&1 </dev/null &
    echo $! >"$pid_file"
    for _ in $(seq 1 240); do
      [[ -f "$dev/ready" ]] && break
      if ! running; then
        echo "dev cluster failed to start; last lines of $log:" >&2
        tail -n 30 "$log" >&2
        exit 1
      fi
      sleep 0.5
    done
    [[ -f "$dev/ready" ]] || { echo "dev cluster not ready after 120 s, see $log" >&2; exit 1; }
  fi
  kubectl="$(bash "$root/e2e/controlplane/build.sh")/kubectl"
  cat <<USAGE
Local Kubernetes is up: $(cat "$dev/ready")
  export KUBECONFIG=$dev/kubeconfig
  $kubectl get nodes -L topology.kubernetes.io/zone
Pods run as ${BROOK_CONTAINER_ENGINE:+$BROOK_CONTAINER_ENGINE containers where the image is built, else as }local processes; their logs: .dev/cluster/node-agent/logs/<namespace>/<pod>/<container>.log
Control-plane logs: .dev/cluster/logs/. Stop everything with: make dev-down
USAGE
}

descendants() {
  local child
  for child in $(ps -o pid= --ppid "$1"); do
    echo "$child"
    descendants "$child"
  done
}

stop() {
  if ! running; then
    echo "dev cluster not running"
    rm -f "$pid_file"
    return
  fi
  pid="$(cat "$pid_file")"
  # SIGTERM: the JVM's shutdown sequence stops the pods, then the control plane.
  kill -TERM "$pid"
  for _ in $(seq 1 120); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "dev cluster did not stop within 60 s; killing pid $pid and its descendants" >&2
    kill -KILL $(descendants "$pid") "$pid" 2>/dev/null || true
  fi
  rm -f "$pid_file"
  echo "dev cluster stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
