#!/usr/bin/env bash
# Installs what a real VS Code needs here, on Debian: code-server for `npm run example`, and
# chromium besides for the end-to-end tests (test/e2e/).
#
#   - apt: libkrb5-dev pkg-config ripgrep (what code-server's native modules build with),
#          and chromium unless --editor                       (only the missing ones; root)
#   - code-server 4.100.3 (= VS Code 1.100.3, needs Node 20) + playwright-core, from npm,
#     into .vscode-test/code-server/ with its own package.json, so that neither becomes a
#     dependency of the extension (the .vsix stays small). npm needs no root: run as root
#     (sudo npm run setup) in a clone that belongs to someone else, this part runs as the
#     clone's owner, so that what it leaves in .vscode-test/ is theirs.
#
# @vscode/ripgrep (pulled in by code-server's postinstall) downloads ripgrep from GitHub,
# which these machines cannot reach; its download cache is seeded first with a tarball that
# holds Debian's /usr/bin/rg as `rg`. See shared/E2E.md.
#
# Idempotent: a second run only checks and exits (about a second).
# Usage: bash scripts/install-e2e.sh [--editor] [--force]   (--force reinstalls the npm part)
#        bash scripts/install-e2e.sh [--editor] --check     exit 0 when everything is installed,
#                                                           else 1; installs nothing, prints nothing
#        bash scripts/install-e2e.sh [--editor] --missing   prints the apt packages still missing
#                                                           (installing them needs root)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
HOST_DIR="$ROOT/.vscode-test/code-server"
CODE_SERVER_VERSION="4.100.3"
PLAYWRIGHT_SPEC="^1.50.0"
STAMP="$HOST_DIR/.install-ok"
STAMP_KEY="code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_SPEC node-$(node -p 'process.versions.node.split(".")[0]')"

FORCE=0 MODE=install EDITOR_ONLY=0
for arg in "$@"; do
  case "$arg" in
    --force) FORCE=1 ;;
    --editor) EDITOR_ONLY=1 ;;
    --check) MODE=check ;;
    --missing) MODE=missing ;;
    *) echo "install-e2e: unknown option $arg (usage: bash scripts/install-e2e.sh [--editor] [--force | --check | --missing])" >&2; exit 2 ;;
  esac
done
APT_PACKAGES=(libkrb5-dev pkg-config ripgrep)
[ $EDITOR_ONLY -eq 1 ] || APT_PACKAGES=(chromium "${APT_PACKAGES[@]}")

cs_pkg="$HOST_DIR/node_modules/code-server/package.json"
rg_bin="$HOST_DIR/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
# What a finished install leaves: the stamp of this version and Node major, and the files.
installed() {
  [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$STAMP_KEY" ] \
    && [ -f "$cs_pkg" ] && [ -x "$rg_bin" ] \
    && [ -f "$HOST_DIR/node_modules/playwright-core/package.json" ] \
    && [ -e "$HOST_DIR/node_modules/code-server/lib/vscode/node_modules.asar" ]
}
# The apt packages of APT_PACKAGES that are not installed.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ $MODE = check ]; then
  [ "$(node -p 'process.versions.node.split(".")[0]')" = "20" ] && { [ $EDITOR_ONLY -eq 1 ] || [ -x "${CHARTER_E2E_CHROMIUM:-/usr/bin/chromium}" ]; } && installed
  exit $?
fi
if [ $MODE = missing ]; then
  [ ${#missing[@]} -eq 0 ] || echo "${missing[*]}"
  exit 0
fi

T0=$(date +%s)
log() { echo "[install-e2e +$(( $(date +%s) - T0 ))s] $*"; }

# ---------------------------------------------------------------- checks
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" != "20" ]; then
  echo "install-e2e: code-server $CODE_SERVER_VERSION needs Node 20 (the editor suites are skipped on other versions); this is Node $(node -v)" >&2
  exit 1
fi

# ---------------------------------------------------------------- apt
if [ ${#missing[@]} -eq 0 ]; then
  [ -n "${CHARTER_INSTALL_AS_OWNER-}" ] || log "apt: ${APT_PACKAGES[*]} already installed"
else
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-e2e: installing ${missing[*]} (apt) needs root: run sudo npm run setup, or apt-get install ${missing[*]} as root" >&2; exit 1; }
    SUDO="sudo"
  fi
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # apt-get update only when the package lists are missing or stale (older than a day).
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -1)" ]; then
    log "apt: apt-get update"
    $SUDO apt-get update -qq >/dev/null
  fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  log "apt: done"
fi

# ---------------------------------------------------------------- npm, as the clone's owner
# Only apt needs root. Run as root in a clone that is someone else's (sudo npm run setup), the
# npm part runs as that someone (runuser sets HOME, USER, LOGNAME), so that .vscode-test/ is
# theirs to run and delete, and no package's install script runs as root. npm's own variables
# from the root invocation (its cache and config in root's home) are not passed on.
if [ "$(id -u)" -eq 0 ] && [ -z "${CHARTER_INSTALL_AS_OWNER-}" ]; then
  owner=$(stat -c %U "$ROOT")
  if [ "$owner" != root ] && [ "$owner" != UNKNOWN ] && command -v runuser >/dev/null 2>&1; then
    mkdir -p "$ROOT/.vscode-test"
    chown -R "$owner:" "$ROOT/.vscode-test"
    log "npm: continuing as $owner, who owns this clone (only apt needed root)"
    exec runuser -u "$owner" -- env -u npm_config_cache -u npm_config_userconfig -u npm_config_init_module \
      -u npm_config_local_prefix CHARTER_INSTALL_AS_OWNER=1 bash "$0" "$@"
  fi
fi

# ---------------------------------------------------------------- fast path
if [ $FORCE -eq 0 ] && installed; then
  log "npm: code-server $CODE_SERVER_VERSION + playwright-core already installed in ${HOST_DIR#"$ROOT"/}"
  log "done"
  exit 0
fi
rm -f "$STAMP"

# ---------------------------------------------------------------- npm, step 1: fetch without scripts
mkdir -p "$HOST_DIR"
cat > "$HOST_DIR/package.json" <<EOF
{
  "name": "charter-e2e-host",
  "private": true,
  "description": "code-server for npm run example and Charter's end-to-end tests; installed by scripts/install-e2e.sh. Not part of the extension.",
  "dependencies": {
    "code-server": "$CODE_SERVER_VERSION",
    "playwright-core": "$PLAYWRIGHT_SPEC"
  }
}
EOF
export npm_config_unsafe_perm=true   # code-server's postinstall refuses root otherwise
export npm_config_yes=true           # node-pty's postinstall runs `npx node-gyp`
export npm_config_build_from_source=argon2  # its prebuilt binary is on GitHub: build it here
# node-gyp downloads Node's headers unless told where they are; with no internet that fails.
# Build against the headers of the Node that runs this (Debian's nodejs ships them).
node_prefix=$(dirname "$(dirname "$(command -v node)")")
if [ -z "${npm_config_nodedir:-}" ] && [ "$(npm config get nodedir)" = "undefined" ] && [ -f "$node_prefix/include/node/common.gypi" ]; then
  export npm_config_nodedir="$node_prefix"
fi
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
# A temporary folder of this install's own (and so @vscode/ripgrep's download cache, which it
# keeps under os.tmpdir()): a cache left in /tmp by another user cannot get in the way.
export TMPDIR="$HOST_DIR/.tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"

cd "$HOST_DIR"
log "npm: installing code-server@$CODE_SERVER_VERSION playwright-core (scripts deferred)"
npm install --ignore-scripts --loglevel=error

# ---------------------------------------------------------------- seed @vscode/ripgrep's cache
shrinkwrap="$HOST_DIR/node_modules/code-server/lib/vscode/npm-shrinkwrap.json"
rg_pkg_version=$(node -e '
  const s = require(process.argv[1]);
  const p = s.packages && s.packages["node_modules/@vscode/ripgrep"];
  process.stdout.write(p ? p.version : "");' "$shrinkwrap")
[ -n "$rg_pkg_version" ] || { echo "install-e2e: cannot find @vscode/ripgrep in $shrinkwrap" >&2; exit 1; }

# Read the ripgrep release and the target name from that version's own postinstall script.
pack_dir=$(mktemp -d)
trap 'rm -rf "$pack_dir"' EXIT
(cd "$pack_dir" && npm pack --silent "@vscode/ripgrep@$rg_pkg_version" >/dev/null && tar xzf ./*.tgz)
postinstall="$pack_dir/package/lib/postinstall.js"
rg_release=$(sed -n "s/^const VERSION = '\([^']*\)'.*/\1/p" "$postinstall")
case "$(node -p process.arch)" in
  x64) rg_target=x86_64-unknown-linux-musl ;;
  arm64) rg_target=aarch64-unknown-linux-musl ;;
  *) echo "install-e2e: unsupported arch $(node -p process.arch)" >&2; exit 1 ;;
esac
grep -q "'$rg_target'" "$postinstall" || { echo "install-e2e: $rg_target not in $postinstall" >&2; exit 1; }
grep -q 'vscode-ripgrep-cache-${packageVersion}' "$pack_dir/package/lib/download.js" \
  || { echo "install-e2e: @vscode/ripgrep's cache folder naming changed; see $pack_dir/package/lib/download.js" >&2; exit 1; }
[ -n "$rg_release" ] || { echo "install-e2e: cannot read VERSION from $postinstall" >&2; exit 1; }

node_tmp=$(node -p 'require("os").tmpdir()')
cache_dir="$node_tmp/vscode-ripgrep-cache-$rg_pkg_version"
tarball="$cache_dir/ripgrep-$rg_release-$rg_target.tar.gz"
mkdir -p "$cache_dir"
if [ -s "$tarball" ] && tar tzf "$tarball" 2>/dev/null | grep -qx 'rg'; then
  log "ripgrep: cache already seeded: $tarball"
else
  stage=$(mktemp -d)
  cp /usr/bin/rg "$stage/rg"
  tar czf "$tarball" -C "$stage" rg
  rm -rf "$stage"
  rg_version=$(/usr/bin/rg --version 2>/dev/null || true)
  log "ripgrep: seeded $tarball with Debian's /usr/bin/rg (${rg_version%%$'\n'*})"
fi

# ---------------------------------------------------------------- npm, step 2: run the install scripts
# code-server's postinstall runs `npm install --omit=dev` in lib/vscode and lib/vscode/extensions
# (native modules: node-pty, kerberos, @parcel/watcher, ... built with node-gyp).
log "npm: running install scripts (code-server's postinstall builds VS Code's native modules; ~1 min)"
npm rebuild --foreground-scripts --loglevel=error > "$HOST_DIR/install-scripts.log" 2>&1 || {
  tail -50 "$HOST_DIR/install-scripts.log" >&2
  echo "install-e2e: npm install scripts failed; full log in $HOST_DIR/install-scripts.log" >&2
  exit 1
}

[ -x "$rg_bin" ] || { echo "install-e2e: $rg_bin missing after install" >&2; exit 1; }
[ -e "$HOST_DIR/node_modules/code-server/lib/vscode/node_modules.asar" ] \
  || { echo "install-e2e: code-server's postinstall did not finish" >&2; exit 1; }
# (Versions read from package.json: `code-server --version` would write ~/.config/code-server.)
log "installed code-server $(node -p 'require(process.argv[1]).version' "$cs_pkg")," \
  "VS Code $(node -p 'require(process.argv[1]).version' "$HOST_DIR/node_modules/code-server/lib/vscode/package.json")," \
  "playwright-core $(node -p 'require(process.argv[1]).version' "$HOST_DIR/node_modules/playwright-core/package.json")"

echo "$STAMP_KEY" > "$STAMP"
rm -rf "$TMPDIR"
log "done"
