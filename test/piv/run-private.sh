#!/usr/bin/env bash
# Kept for the instructions that name it: the private-namespace runner is scripts/private-ns.sh
# (own mount + network namespace, own pcscd, the quickack loopback route; --plain-link keeps vpcd's
# 44 ms stall). See docs/testing.md.
#   test/piv/run-private.sh node --disable-warning=ExperimentalWarning --test test/piv/x.test.ts
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/scripts/private-ns.sh" "$@"
