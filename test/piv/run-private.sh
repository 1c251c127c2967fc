#!/usr/bin/env bash
# Development aid (not used by CI): runs a command in a private mount + network namespace with
# its own pcscd, so PIV test runs neither disturb nor get disturbed by other work on the shared
# daemon (restarts, driver files rewritten under /tmp/station-pcscd). Needs root.
#   test/piv/run-private.sh node --disable-warning=ExperimentalWarning --test test/piv/*.test.ts
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PRIVATE_ROOT="$root"
exec unshare --mount --net --propagation private bash -c '
  set -e
  ip link set lo up
  mount -t tmpfs tmpfs /run/pcscd
  mkdir -p /tmp/station-pcscd
  mount -t tmpfs tmpfs /tmp/station-pcscd
  cd "$PRIVATE_ROOT"
  set +e
  "$@"; rc=$?
  pid=$(tr -d "\\0" </run/pcscd/pcscd.pid 2>/dev/null || true)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  exit $rc
' private "$@"
