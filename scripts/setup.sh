#!/usr/bin/env bash
# Installs the system packages the tests need (Debian): neovim, for the test that drives a
# non-VS Code LSP editor. Idempotent and quick when everything is there. Needs root (or
# sudo) only when something is missing.
set -euo pipefail

missing=()
command -v nvim >/dev/null 2>&1 || missing+=(neovim)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "charter setup: please install: ${missing[*]} (no apt-get on this machine)" >&2
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "charter setup: run as root to install: ${missing[*]}" >&2
    exit 0
  fi
fi

echo "charter setup: installing ${missing[*]} with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
