#!/usr/bin/env bash
# Runs a command in a private mount + network namespace with its own pcscd, so PC/SC work neither
# disturbs nor is disturbed by any other pcscd on the machine (pcscd allows one instance per
# /run/pcscd), and so the loopback link can be tuned without touching the host. Needs root (CI
# and the test command run as root).
#
#   scripts/private-ns.sh [--plain-link] <command...>
#
# The loopback route gets `quickack 1` unless --plain-link is given. Why: Debian's vpcd writes each
# APDU's length and body in two writes; with Nagle on the sender and delayed ACKs on the receiver,
# the second write waits ~40 ms for an ACK, so every APDU costs ~44 ms. Quick ACKs remove the wait
# (measured: ~0.3 ms per round trip). --plain-link keeps the stall, for benches that want both.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
link=quick
if [[ "${1:-}" == "--plain-link" ]]; then
  link=plain
  shift
fi
(($# > 0)) || { echo "usage: $0 [--plain-link] <command...>" >&2; exit 2; }
if ((EUID != 0)); then
  echo "$0: needs root (private namespaces and tmpfs mounts)" >&2
  exit 2
fi
# an already-private run (nested call) just runs the command
if [[ "${STATION_PRIVATE_NS:-}" == 1 ]]; then exec "$@"; fi
mkdir -p /run/pcscd
export STATION_PRIVATE_ROOT="$root" STATION_LINK="$link"
exec unshare --mount --net --propagation private bash -c '
  set -e
  ip link set lo up
  if [[ $STATION_LINK == quick ]]; then
    ip route change local 127.0.0.0/8 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1
    ip route change local 127.0.0.1 dev lo table local proto kernel scope host src 127.0.0.1 quickack 1
  fi
  mount -t tmpfs -o mode=0755 tmpfs /run/pcscd
  mkdir -p /tmp/station-pcscd
  mount -t tmpfs tmpfs /tmp/station-pcscd
  cd "$STATION_PRIVATE_ROOT"
  export STATION_PRIVATE_NS=1
  set +e
  "$@"; rc=$?
  if [[ -f /run/pcscd/pcscd.pid ]]; then kill "$(tr -d "\\0" </run/pcscd/pcscd.pid)" 2>/dev/null || true; fi
  # the mount point was made on the shared /tmp: take it away again (another run still mounted on
  # it in its own namespace keeps it: rmdir answers "busy" and leaves it for that run)
  umount /tmp/station-pcscd 2>/dev/null || true
  rmdir /tmp/station-pcscd 2>/dev/null || true
  exit $rc
' private "$@"
