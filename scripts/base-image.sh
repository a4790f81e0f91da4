#!/usr/bin/env bash
# Makes the JRE base image localhost/brook-base-jre:17 from Debian's packages where no registry
# can be reached: debootstrap a minimal bookworm, add openjdk-17-jre-headless, import the tree.
# The tar is cached outside the repository (BROOK_CACHE, default ~/.cache/brook) and the image is
# built only when missing. Usage: base-image.sh <engine>
set -euo pipefail

engine=${1:?usage: base-image.sh <engine>}
image=localhost/brook-base-jre:17
cache=${BROOK_CACHE:-$HOME/.cache/brook}
tarball=$cache/brook-base-jre-17.tar
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}

if "$engine" image exists "$image" 2>/dev/null || "$engine" image inspect "$image" >/dev/null 2>&1; then
  exit 0
fi

if [ ! -f "$tarball" ]; then
  command -v debootstrap >/dev/null 2>&1 || { echo "base-image: debootstrap is missing" >&2; exit 1; }
  mkdir -p "$cache"
  rootfs=$(mktemp -d "$cache/rootfs.XXXXXX")
  chmod 755 "$rootfs" # the image's /: mktemp makes it 0700, which locks out the non-root users
  trap 'umount "$rootfs/proc" 2>/dev/null || true; rm -rf "$rootfs"' EXIT
  echo "base-image: debootstrap bookworm (minbase) into $rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  mount -t proc proc "$rootfs/proc"
  chroot "$rootfs" /bin/sh -c 'apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null && apt-get clean && rm -rf /var/lib/apt/lists/*'
  umount "$rootfs/proc"
  tar --numeric-owner -C "$rootfs" -cf "$tarball.partial" .
  mv "$tarball.partial" "$tarball"
fi
# An imported tree has no image config: give it the PATH a Debian system has.
"$engine" import --change "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  "$tarball" "$image" >/dev/null
echo "base-image: imported $image from $tarball"
