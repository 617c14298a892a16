#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, on Debian: neovim (the test that drives
# a non-VS Code LSP editor), then code-server + chromium for the extension's tests
# (scripts/install-e2e.sh). Idempotent, and quick when everything is there. Needs root (or
# sudo) only when something is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v nvim >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "charter setup: installing neovim with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq >/dev/null
    $SUDO apt-get install -y -qq --no-install-recommends neovim >/dev/null
  else
    echo "charter setup: please install neovim (no apt-get here); its test will fail without it" >&2
  fi
fi

bash scripts/install-e2e.sh
