#!/usr/bin/env bash
# The README's main command, as a new user types it, on a fresh clone, with the
# machine's own (too old) Node first on PATH and an empty Node cache: checks that
# `npm ci && npm start` gets itself a supported Node and reaches the tour's
# "what to try next" text. Run by .ci/run; needs a Node older than 22.13
# (MCPCTL_TEST_OLD_NODE, default /usr/bin/node) and says so when there is none.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
old_node="${MCPCTL_TEST_OLD_NODE:-/usr/bin/node}"

if ! version="$("$old_node" --version 2>/dev/null)"; then
  echo "fresh-clone: no old Node at $old_node (set MCPCTL_TEST_OLD_NODE); cannot check the README's main command on it" >&2
  [ "${CI:-}" = "true" ] && exit 1 || exit 0
fi
if "$old_node" -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 13) ? 0 : 1)'; then
  echo "fresh-clone: $old_node is $version, not older than 22.13; nothing to check" >&2
  exit 0
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/mcpctl-fresh-clone.XXXXXX")"
trap 'rm -rf "$work"' EXIT
git clone --quiet "$repo" "$work/clone"
old_bin="$(dirname "$old_node")"
log="$work/start.log"
echo "fresh-clone: npm ci && npm start in a fresh clone, with $old_node ($version) first on PATH"
(
  cd "$work/clone"
  export PATH="$old_bin:/usr/local/bin:/usr/bin:/bin"
  export MCPCTL_NODE_CACHE="$work/node-cache"
  npm ci --no-audit --no-fund --loglevel=error && npm start
) >"$log" 2>&1 || { cat "$log"; echo "fresh-clone: FAILED: the README's main command exited non-zero" >&2; exit 1; }

# Stop the daemon the tour left running, as its last lines say, with the XDG folders it printed.
exports="$(grep -m1 '^  export XDG_' "$log" | sed 's/^  export //' || true)"
stop="$(grep -A1 '^Stop it with:' "$log" | tail -n1 || true)"
if [ -n "$exports" ] && [ -n "$stop" ]; then
  # shellcheck disable=SC2086 # both are word lists printed by the tour
  env $exports $stop >/dev/null 2>&1 || echo "fresh-clone: warning: could not stop the tour's daemon" >&2
fi
# The tour's hints must name the Node that works, not the machine's old one.
grep -q "^Stop it with:" "$log" && ! grep -A1 '^Stop it with:' "$log" | tail -n1 | grep -q '^  node ' || { cat "$log"; echo "fresh-clone: FAILED: the tour's hints name the machine's old node" >&2; exit 1; }

grep -q "installing Node 24" "$log" || { cat "$log"; echo "fresh-clone: FAILED: Node 24 was not installed for the run" >&2; exit 1; }
grep -q "The daemon keeps running. Try, in" "$log" || { cat "$log"; echo "fresh-clone: FAILED: the tour did not reach its 'what to try next' text" >&2; exit 1; }
echo "fresh-clone: ok: the tour reached 'what to try next' under $version (Node 24 installed for the run)"
