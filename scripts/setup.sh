#!/usr/bin/env bash
# Installs what the tests need beyond npm packages, on Debian: neovim (the test that drives
# a non-VS Code LSP editor) and pre-commit (the test of the pre-commit hook), then chromium +
# code-server 4.100.3 for the editor suites (scripts/install-e2e.sh; those need Node 20).
# Idempotent, and quick when all is there.
#
#   bash scripts/setup.sh                (npm run setup) installs what is missing: the apt
#                                        packages as root, or with sudo; code-server (npm)
#                                        needs no root. Fails when it cannot.
#   bash scripts/setup.sh --if-possible  (what npm test runs) installs only where it can
#                                        succeed: as root with apt-get. Otherwise it does
#                                        nothing, and each suite that needs a missing tool
#                                        is skipped with one line saying why and how to get
#                                        it (test/support/requirements.ts). An install that
#                                        fails (no network, say) is reported in one line and
#                                        the run goes on. Under CI=true it behaves like the
#                                        plain form: nothing may be missing.
#   bash scripts/setup.sh --needs-root   exit 0 when the plain form would need root (apt
#                                        packages are missing), 1 when it would not; installs
#                                        nothing (npm run example asks, to name the next step).
#
# As root (sudo npm run setup) in a clone that is yours, only apt runs as root: code-server is
# installed as you, into .vscode-test/, which stays yours (scripts/install-e2e.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

mode=strict
case "${1-}" in
  '') ;;
  --if-possible) mode=if-possible ;;
  --needs-root)
    command -v nvim >/dev/null 2>&1 || exit 0
    pre-commit --version >/dev/null 2>&1 || exit 0
    [ -n "$(bash scripts/install-e2e.sh --missing)" ] && exit 0
    exit 1 ;;
  *) echo "charter setup: unknown option $1 (usage: bash scripts/setup.sh [--if-possible | --needs-root])" >&2; exit 2 ;;
esac
case "${CI-}" in true|TRUE|True|1|yes) mode=strict ;; esac

node_major=$(node -p 'process.versions.node.split(".")[0]')
want_nvim=0
command -v nvim >/dev/null 2>&1 || want_nvim=1
want_precommit=0
pre-commit --version >/dev/null 2>&1 || want_precommit=1
want_e2e=0
failed=()
if [ "$node_major" = "20" ]; then
  bash scripts/install-e2e.sh --check || want_e2e=1
elif [ "$mode" = strict ]; then
  echo "charter setup: the editor suites need Node 20 (code-server 4.100.3 runs on it); this is Node $(node -v)" >&2
  failed+=("code-server (needs Node 20)")
fi
[ $want_nvim -eq 0 ] && [ $want_precommit -eq 0 ] && [ $want_e2e -eq 0 ] && [ ${#failed[@]} -eq 0 ] && exit 0

if [ "$mode" = if-possible ]; then
  # Only as root with apt-get: no sudo prompts, no "sudo: command not found".
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then exit 0; fi
fi

apt_packages=()
[ $want_nvim -eq 1 ] && apt_packages+=(neovim)
[ $want_precommit -eq 1 ] && apt_packages+=(pre-commit)
if [ ${#apt_packages[@]} -gt 0 ]; then
  # apt needs root; what else is missing may not (scripts/install-e2e.sh decides for itself).
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "charter setup: no apt-get here: install ${apt_packages[*]} with your package manager" >&2
    failed+=("${apt_packages[@]}")
  elif [ -n "$SUDO" ] && ! command -v sudo >/dev/null 2>&1; then
    echo "charter setup: installing ${apt_packages[*]} (apt) needs root: run sudo npm run setup" >&2
    failed+=("${apt_packages[@]}")
  else
    echo "charter setup: installing ${apt_packages[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    { $SUDO apt-get update -qq >/dev/null && $SUDO apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null; } || failed+=("${apt_packages[@]}")
  fi
fi
if [ $want_e2e -eq 1 ]; then
  bash scripts/install-e2e.sh || failed+=("chromium/code-server")
fi

if [ ${#failed[@]} -gt 0 ]; then
  if [ "$mode" = if-possible ]; then
    echo "charter setup: could not install ${failed[*]} (see above); the tests that need them will be skipped" >&2
    exit 0
  fi
  echo "charter setup: could not install ${failed[*]}" >&2
  exit 1
fi
