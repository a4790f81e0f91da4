#!/usr/bin/env bash
# Builds the pinned upstream control plane (kube-apiserver, kube-scheduler, kube-controller-manager,
# kubectl) and etcd once into a cache directory outside the repository, keyed by the pinned
# Kubernetes version and the Go toolchain, and prints that directory on stdout.
#
# A finished cache directory is reused as is. The build goes to a temporary sibling directory that
# is renamed only when every binary is there, so an interrupted build is never mistaken for a
# finished one. Progress goes to stderr; only the directory goes to stdout (callers capture it).
#
# Environment: BROOK_CACHE_DIR (default ~/.cache/brook), BUILD_PARALLELISM (go build -p, default 2).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
k8s_version="$(awk '$1 == "k8s.io/kubernetes" { print $2 }' "$here/go.mod")"
go_version="$(go env GOVERSION | sed -E 's/^(go[0-9]+\.[0-9]+).*/\1/')"
cache_root="${BROOK_CACHE_DIR:-$HOME/.cache/brook}"
target="$cache_root/k8s-$k8s_version-$go_version"
binaries=(kube-apiserver kube-scheduler kube-controller-manager kubectl etcd)

complete() {
  local dir="$1" binary
  for binary in "${binaries[@]}"; do
    [[ -x "$dir/$binary" ]] || return 1
  done
}

if complete "$target"; then
  echo "$target"
  exit 0
fi

mkdir -p "$cache_root"
staging="$(mktemp -d "$cache_root/.k8s-$k8s_version-$go_version.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

# Same version stamp as the upstream release build (hack/lib/version.sh), so /version, kubectl
# version and client/server skew checks report v1.36.3 rather than v0.0.0-master.
minor="$(echo "$k8s_version" | cut -d. -f2)"
stamp=""
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  stamp+=" -X $pkg.gitVersion=$k8s_version -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor"
  stamp+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
done

echo "building Kubernetes $k8s_version and etcd with $(go env GOVERSION) into $target" >&2
started=$SECONDS
(
  cd "$here"
  # One go build for all five commands shares the compilation of their common packages.
  CGO_ENABLED=0 GOFLAGS=-mod=mod go build -p "${BUILD_PARALLELISM:-2}" -trimpath \
    -ldflags="-s -w$stamp" -o "$staging/" \
    k8s.io/kubernetes/cmd/kube-apiserver \
    k8s.io/kubernetes/cmd/kube-scheduler \
    k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kubectl \
    ./etcd
)
complete "$staging" || { echo "build finished without all of: ${binaries[*]}" >&2; exit 1; }
chmod 755 "$staging"
# Another build may have finished first; its result is equivalent, keep it.
if ! mv -T "$staging" "$target" 2>/dev/null; then
  complete "$target" || { echo "cannot move the build to $target" >&2; exit 1; }
fi
trap - EXIT
rm -rf "$staging"
echo "built in $((SECONDS - started)) s" >&2
echo "$target"
