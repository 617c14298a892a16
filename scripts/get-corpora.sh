#!/usr/bin/env bash
# Gets the real-document corpora the corpus tests and the benchmark read, from their public
# repositories at the commits the tests were written against (their counts depend on them):
#
#   rust-rfcs/       rust-lang/rfcs  text/*.md + LICENSE-*            at 354518a8c902
#   madr-decisions/  adr/madr        docs/decisions/*.md + LICENSE*   at 11807d877dbc
#
# into ../shared/corpora beside the clone (or the folder given, or $CHARTER_CORPORA). Existing
# corpora are left alone. Needs git and access to github.com. Nothing is copied into the
# repository: the tests read the corpora where they are.
#
# Usage: bash scripts/get-corpora.sh [folder]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${1:-${CHARTER_CORPORA:-$ROOT/../shared/corpora}}"
mkdir -p "$DEST"
DEST="$(cd "$DEST" && pwd)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# get <name> <repository> <commit> <folder in the repository> <root files to keep>…
get() {
  local name=$1 repo=$2 commit=$3 sub=$4
  shift 4
  if [ -d "$DEST/$name" ] && [ -n "$(ls -A "$DEST/$name")" ]; then
    echo "get-corpora: $DEST/$name is already there"
    return
  fi
  echo "get-corpora: $repo at $commit → $DEST/$name"
  git clone --quiet --filter=blob:none --no-checkout "https://github.com/$repo.git" "$work/$name"
  git -C "$work/$name" checkout --quiet "$commit"
  rm -rf "$DEST/$name.partial"
  mkdir -p "$DEST/$name.partial"
  cp "$work/$name/$sub"/*.md "$DEST/$name.partial/"
  local f
  for f in "$@"; do
    [ -f "$work/$name/$f" ] && cp "$work/$name/$f" "$DEST/$name.partial/"
  done
  mv "$DEST/$name.partial" "$DEST/$name"
  chmod -R a-w "$DEST/$name"
}

get rust-rfcs rust-lang/rfcs 354518a8c902 text LICENSE-APACHE LICENSE-MIT
get madr-decisions adr/madr 11807d877dbc docs/decisions LICENSE LICENSE.CC0-1.0 LICENSE.MIT
echo "get-corpora: done; the corpus tests read $DEST"
[ "$DEST" = "$(cd "$ROOT/.." && pwd)/shared/corpora" ] || echo "get-corpora: run the tests with CHARTER_CORPORA=$DEST"
