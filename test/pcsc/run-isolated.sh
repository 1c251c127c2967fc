#!/usr/bin/env bash
# Runs a command against a private pcscd, in its own mount + network namespace, so PC/SC work can
# be tried (including stopping pcscd) without touching the machine's shared daemon. Needs root.
#
# It also works around a harness problem: ifd-vpcd keeps its sockets in one static array indexed
# by slot, and pcscd loads a driver path only once, so with five reader pairs sharing one
# LIBPATH every "xx 00 00" reader is served by the LAST pair's port (35971) and the other ports
# are never accepted. Here each pair gets its own copy of the driver (a different file is a
# different dlopen, hence its own static state).
#
# usage: test/pcsc/run-isolated.sh <command...>   e.g.
#   test/pcsc/run-isolated.sh node --disable-warning=ExperimentalWarning --test test/pcsc/
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/pcsc-isolated.XXXXXX)"
mkdir -p "$work/conf" "$work/drivers"
driver=/usr/lib/pcsc/drivers/serial/libifdvpcd.so
for pair in A:35963:'Virtual PCD' B:35965:'Dev PCD B' C:35967:'Dev PCD C' D:35969:'Dev PCD D' E:35971:'Dev PCD E'; do
  IFS=: read -r key port name <<<"$pair"
  cp "$driver" "$work/drivers/libifdvpcd-$key.so"
  printf 'FRIENDLYNAME "%s"\nDEVICENAME   /dev/null:%s\nLIBPATH      %s\nCHANNELID    %s\n\n' \
    "$name" "$port" "$work/drivers/libifdvpcd-$key.so" "$port" >>"$work/conf/vpcd"
done
conf_dir="$root/sim/pcscd/reader.conf.d"
[ -d "$conf_dir" ] || conf_dir="$root/test/support/reader.conf.d"
export ISOLATED_WORK="$work" ISOLATED_ROOT="$root" ISOLATED_CONF="$conf_dir"
exec unshare --mount --net --propagation private bash -c '
  set -e
  ip link set lo up
  mount -t tmpfs tmpfs /run/pcscd
  mount --bind "$ISOLATED_WORK/conf" "$ISOLATED_CONF"
  cd "$ISOLATED_ROOT"
  set +e
  "$@"; rc=$?
  pid=$(tr -d "\\0" </run/pcscd/pcscd.pid 2>/dev/null || true)
  [ -n "$pid" ] && kill "$pid" 2>/dev/null
  rm -rf "$ISOLATED_WORK"
  exit $rc
' isolated "$@"
