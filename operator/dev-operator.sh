#!/usr/bin/env bash
# `make dev-operator` / `make dev-operator-down`: installs the CRDs into the local Kubernetes that
# `make dev` started and runs the operator (Quarkus fast-jar) against it in the background.
# Its log is .dev/operator.log; metrics and health on http://127.0.0.1:${BROOK_OPERATOR_PORT:-8089}/q/.
#
#   operator/dev-operator.sh start   # needs `make dev` and `mvn -pl operator package` first
#   operator/dev-operator.sh stop
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dev="$root/.dev"
pid_file="$dev/operator.pid"
log="$dev/operator.log"
port="${BROOK_OPERATOR_PORT:-8089}"

running() {
  [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

start() {
  [[ -f "$dev/kubeconfig" ]] || { echo "no local Kubernetes: run make dev first" >&2; exit 1; }
  export KUBECONFIG="$dev/kubeconfig"
  kubectl="$(bash "$root/e2e/controlplane/build.sh")/kubectl"
  "$kubectl" apply --server-side -f "$root/crds/" >/dev/null
  "$kubectl" wait --for=condition=Established crd --all --timeout=60s >/dev/null
  if running; then
    echo "operator already running (pid $(cat "$pid_file"))"
  else
    nohup java -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
      -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$port" -jar "$root/operator/target/quarkus-app/quarkus-run.jar" \
      >"$log" 2>&1 </dev/null &
    echo $! >"$pid_file"
    for _ in $(seq 1 120); do
      curl -fs "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
      running || { echo "operator exited; last lines of $log:" >&2; tail -n 30 "$log" >&2; exit 1; }
      sleep 0.5
    done
  fi
  cat <<USAGE
Brook operator is running against the local Kubernetes (log: .dev/operator.log).
  export KUBECONFIG=$dev/kubeconfig
  $kubectl apply -f manifests/examples/            # or manifests/examples/single-broker/
  $kubectl get brook
USAGE
}

stop() {
  if running; then
    kill "$(cat "$pid_file")"
    rm -f "$pid_file"
    echo "operator stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
