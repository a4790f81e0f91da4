#!/usr/bin/env bash
# Prints the container engine Brook's image targets use (docker where an engine answers, else
# podman set up as this kind of sandbox needs it), or exits 1 with one line on stderr saying why
# there is none. Installs podman, runc and debootstrap from Debian's packages when apt can.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi

if command -v docker >/dev/null 2>&1 && docker info >/dev/null 2>&1; then
  echo docker
  exit 0
fi

if ! command -v podman >/dev/null 2>&1 || ! command -v runc >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "no container engine: neither a docker engine nor podman, and no apt-get to install podman" >&2
    exit 1
  fi
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  if ! DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq podman runc debootstrap >/dev/null 2>&1; then
    echo "no container engine: apt-get could not install podman, runc and debootstrap" >&2
    exit 1
  fi
fi

# Settings this kind of sandbox needs (../shared/CONTAINERS.md): vfs storage, runc (crun refuses
# the hybrid cgroup layout), cgroupfs, host networking, rlimits it may set without
# CAP_SYS_RESOURCE. Written only where the machine has no configuration of its own.
if [ ! -f /etc/containers/storage.conf ]; then
  $SUDO mkdir -p /etc/containers
  printf '[storage]\ndriver = "vfs"\nrunroot = "/run/containers/storage"\ngraphroot = "/var/lib/containers/storage"\n' \
    | $SUDO tee /etc/containers/storage.conf >/dev/null
fi
if [ ! -f /etc/containers/containers.conf ]; then
  $SUDO mkdir -p /etc/containers
  printf '[containers]\nnetns = "host"\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n\n[engine]\ncgroup_manager = "cgroupfs"\nevents_logger = "file"\nruntime = "runc"\n' \
    | $SUDO tee /etc/containers/containers.conf >/dev/null
fi

if ! probe=$(podman info --format '{{.Host.OCIRuntime.Name}}' 2>&1); then
  echo "no container engine: podman is installed but does not run here: ${probe##*$'\n'}" >&2
  exit 1
fi
echo podman
