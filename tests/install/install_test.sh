#!/usr/bin/env bash
# Install test: builds the agent and app .deb files from this build, installs
# them into a throwaway systemd system (container.sh), and checks what an
# administrator would: the service runs as the unit says (user, capabilities,
# sandbox, notify, watchdog, reload), a reseller can be created, a call on the
# host is recorded, the installed app signs in under Xvfb (screenshot kept),
# an upgrade keeps configuration, catalogue and recordings, remove keeps the
# data and purge deletes it. systemd-analyze verify/security run on the
# installed unit.
#
# The upgrade starts from the previous release's agent package, built from
# its commit in this repository's history (catalogue schema 3 there, 4 now),
# so the upgrade migrates a real older catalogue.
#
# usage: install_test.sh SOURCE_DIR BUILD_DIR VV_CAPGEN PREVIOUS_COMMIT PREVIOUS_VERSION
# Exit 0 pass, 1 fail, 77 skipped (not root, or a tool is missing).
set -uo pipefail

SOURCE_DIR=$(cd "$1" && pwd)
BUILD_DIR=$(cd "$2" && pwd)
CAPGEN=$3
PREVIOUS_COMMIT=$4
PREVIOUS_VERSION=$5
ARTIFACTS=$BUILD_DIR/install-test
HERE=$(cd "$(dirname "$0")" && pwd)

if [ "$(id -u)" -ne 0 ]; then
  echo "SKIP: the install test needs root (dpkg, systemd-nspawn)"
  exit 77
fi
for tool in cpack dpkg-deb systemd-nspawn unshare nsenter xvfb-run import identify curl systemd-analyze; do
  if ! command -v "$tool" >/dev/null; then
    echo "SKIP: $tool is not installed (scripts/setup.sh installs it)"
    exit 77
  fi
done

CT_WORK=$(mktemp -d /tmp/vv-install.XXXXXX)
# shellcheck source=container.sh
. "$HERE/container.sh"
cleanup() {
  ct_stop
  rm -rf "$CT_WORK"
}
trap cleanup EXIT
mkdir -p "$ARTIFACTS"

FAILED=0
CHECKS=0
pass() {
  CHECKS=$((CHECKS + 1))
  echo "ok $CHECKS - $*"
}
fail() {
  CHECKS=$((CHECKS + 1))
  FAILED=$((FAILED + 1))
  echo "not ok $CHECKS - $*"
}
# check DESCRIPTION COMMAND... : the command's exit status decides.
check() {
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}
# expect DESCRIPTION ACTUAL EXPECTED
expect() {
  if [ "$2" = "$3" ]; then pass "$1 ($2)"; else fail "$1: got '$2', expected '$3'"; fi
}
# wait_for SECONDS COMMAND... : polls until the command succeeds (a bound, not a speed check).
wait_for() {
  local limit=$(($1 * 10))
  shift
  local i
  for ((i = 0; i < limit; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  return 1
}

VERSION=$(sed -n 's/^set(CPACK_PACKAGE_VERSION "\(.*\)")$/\1/p' "$BUILD_DIR/CPackConfig.cmake")
OLD_VERSION=$PREVIOUS_VERSION
STAGE=$CT_WORK/stage
mkdir -p "$STAGE/old" "$STAGE/new"

# The previous release's agent package, from its commit (an agent-only build,
# kept under the build folder so later runs reuse it). Without that commit in
# this clone's history, this tree at the lower version stands in, and the
# schema checks say so instead of passing silently.
REAL_PREVIOUS=0
build_previous() {
  local cache="$ARTIFACTS/previous-$PREVIOUS_COMMIT"
  if ! ls "$cache"/packages/vipvault-agent_*.deb >/dev/null 2>&1; then
    rm -rf "$cache" && mkdir -p "$cache/src"
    git -C "$SOURCE_DIR" archive "$PREVIOUS_COMMIT" | tar -x -C "$cache/src" || return 1
    # CPACK_COMPONENTS_ALL: that release packaged a one-component build monolithically (fixed since).
    cmake -S "$cache/src" -B "$cache/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIPVAULT_AGENT_ONLY=ON \
      -DVIPVAULT_BUILD_TESTS=OFF -DVIPVAULT_BUILD_BENCH=OFF -DCPACK_COMPONENTS_ALL=agent >"$cache/build.log" 2>&1 &&
      cmake --build "$cache/build" --target vipvault-agent >>"$cache/build.log" 2>&1 &&
      (cd "$cache/build" && cpack -G DEB -B "$cache/packages" >>"$cache/build.log" 2>&1) ||
      { tail -20 "$cache/build.log"; return 1; }
  fi
  cp "$cache"/packages/vipvault-agent_*.deb "$STAGE/old/"
}
echo "# building the previous release's agent ($OLD_VERSION, $PREVIOUS_COMMIT)"
if git -C "$SOURCE_DIR" cat-file -e "$PREVIOUS_COMMIT^{commit}" 2>/dev/null; then
  build_previous || { echo "not ok - the previous release did not build"; exit 1; }
  REAL_PREVIOUS=1
else
  echo "# $PREVIOUS_COMMIT is not in this clone's history: the older agent package is this tree at $OLD_VERSION"
fi

echo "# building packages $VERSION from $BUILD_DIR"
(cd "$BUILD_DIR" && cpack -G DEB -B "$CT_WORK/pkg-old" -D CPACK_PACKAGE_VERSION=$OLD_VERSION >"$CT_WORK/cpack-old.log" 2>&1) ||
  { cat "$CT_WORK/cpack-old.log"; exit 1; }
(cd "$BUILD_DIR" && cpack -G DEB -B "$CT_WORK/pkg-new" >"$CT_WORK/cpack-new.log" 2>&1) ||
  { cat "$CT_WORK/cpack-new.log"; exit 1; }
# The app has no data to migrate: its older package is this tree at the lower version.
cp "$CT_WORK/pkg-old/vipvault_${OLD_VERSION}-1_amd64.deb" "$STAGE/old/"
[ "$REAL_PREVIOUS" = 1 ] || cp "$CT_WORK/pkg-old/vipvault-agent_${OLD_VERSION}-1_amd64.deb" "$STAGE/old/"
cp "$CT_WORK"/pkg-new/*.deb "$STAGE/new/"
cp "$CAPGEN" "$STAGE/vv-capgen"
cp "$HERE/app_screenshot.sh" "$STAGE/"
check "agent and app packages built at $VERSION" test -f "$STAGE/new/vipvault-agent_${VERSION}-1_amd64.deb" -a \
  -f "$STAGE/new/vipvault_${VERSION}-1_amd64.deb"

echo "# booting a throwaway systemd system"
if ! ct_boot "vvinstall$$" "$STAGE"; then
  # Like a missing privilege: a host whose kernel or cgroup setup keeps
  # systemd-nspawn from booting cannot run this test. Nothing of ours has run
  # yet (no package installed), so this says so loudly and skips.
  echo "SKIP: systemd-nspawn could not boot a container on this host (log above); the packages were built but not installed"
  exit 77
fi
pass "container booted ($(ct systemctl is-system-running 2>/dev/null))"
check "the packages are not installed in the fresh system" \
  bash -c "! ct dpkg-query -W -f='\${Status}' vipvault-agent 2>/dev/null | grep -q 'install ok'"

AGENT_CONF=/etc/vipvault/agent.conf
PASSWORD='correct horse battery staple'

main_pid() { ct systemctl show -p MainPID --value vipvault-agent; }
unit_state() { ct systemctl is-active vipvault-agent 2>/dev/null; }
recordings() {
  ct vipvault-agent usage --config $AGENT_CONF --vault acme 2>/dev/null |
    sed -n 's/.*"recordings":\([0-9]*\).*/\1/p' | head -1
}
# POST /api/v1/session as the reseller; extra curl options choose what is printed.
sign_in() {
  ct curl -sk "$@" -H 'Content-Type: application/json' \
    -d "{\"username\":\"reseller\",\"password\":\"$PASSWORD\"}" https://127.0.0.1:8443/api/v1/session
}
sign_in_token() { sign_in | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'; }
sign_in_status() { sign_in -o /dev/null -w '%{http_code}'; }

# The checks run some of these in `bash -c` (wait_for): they must see them.
export CT_PID AGENT_CONF PASSWORD
export -f ct main_pid unit_state recordings sign_in sign_in_status sign_in_token

# --- fresh install -----------------------------------------------------------
check "dpkg installs both packages ($OLD_VERSION)" ct sh -c 'dpkg -i /opt/vvtest/old/*.deb >/opt/vvtest/dpkg-old.log 2>&1'
ct cat /opt/vvtest/dpkg-old.log >"$ARTIFACTS/dpkg-install.log"
# (A stand-in built from this tree reports this tree's version.)
OLD_BINARY=$([ "$REAL_PREVIOUS" = 1 ] && echo "$OLD_VERSION" || echo "$VERSION")
expect "the installed agent is $OLD_BINARY" "$(ct vipvault-agent version)" "vipvault-agent $OLD_BINARY"
expect "the agent is running after install" "$(unit_state)" active
expect "the unit is enabled" "$(ct systemctl is-enabled vipvault-agent 2>/dev/null)" enabled
PID=$(main_pid)
expect "the agent runs as the vipvault user" "$(ct ps -o user= -p "$PID" | tr -d ' ')" vipvault
STATUS=$(ct cat "/proc/$PID/status")
expect "only CAP_NET_RAW and CAP_NET_ADMIN are effective" "$(awk '/^CapEff/{print $2}' <<<"$STATUS")" 0000000000003000
expect "no new privileges" "$(awk '/^NoNewPrivs/{print $2}' <<<"$STATUS")" 1
expect "a system-call filter is applied" "$(awk '/^Seccomp:/{print $2}' <<<"$STATUS")" 2
expect "the data folder belongs to vipvault, mode 700" "$(ct stat -c '%U %a' /var/lib/vipvault)" "vipvault 700"
check "the home folders are hidden from the agent" ct sh -c "test -z \"\$(ls -A /proc/$PID/root/root 2>/dev/null)\""
check "the configuration is a dpkg conffile" ct sh -c "dpkg-query -W -f='\${Conffiles}' vipvault-agent | grep -q $AGENT_CONF"
check "systemd reports readiness in the status" ct sh -c \
  "systemctl show -p StatusText --value vipvault-agent | grep -q 'recording on any'"
FINGERPRINT=$(ct journalctl -u vipvault-agent --no-pager -o cat | sed -n 's/.*SHA-256 fingerprint \([0-9A-F:]*\).*/\1/p' | tail -1)
check "the certificate fingerprint is in the journal" test ${#FINGERPRINT} -eq 95
check "log lines carry journald priorities" ct sh -c \
  "journalctl -u vipvault-agent -p info --no-pager -o cat | grep -q '^vipvault\.[a-z]*: '"

# systemd-analyze on the installed unit, where its binary and user exist.
check "systemd-analyze verify accepts the unit" ct systemd-analyze verify /usr/lib/systemd/system/vipvault-agent.service
SECURITY=$(ct systemd-analyze security vipvault-agent.service --no-pager 2>&1)
echo "$SECURITY" >"$ARTIFACTS/systemd-analyze-security.txt"
EXPOSURE=$(sed -n 's/.*Overall exposure level for vipvault-agent.service: \([0-9.]*\).*/\1/p' <<<"$SECURITY")
echo "# systemd-analyze security: exposure $EXPOSURE"
check "systemd-analyze security rates the unit OK or better (exposure $EXPOSURE <= 2.5)" \
  awk -v e="$EXPOSURE" 'BEGIN { exit !(e != "" && e <= 2.5) }'

# --- first run: a vault, a reseller, a call -----------------------------------
ct sh -c "printf '\n[vault acme]\nextensions = 200-299\ncap = 1GB\n' >>$AGENT_CONF"
check "systemctl reload applies the new vault" ct systemctl reload vipvault-agent
expect "reload does not restart the agent" "$(main_pid)" "$PID"
check "the reload is logged" wait_for 20 ct sh -c \
  "journalctl -u vipvault-agent --no-pager -o cat | grep -q 'configuration reloaded'"
check "vipvault-agent user add creates the reseller (as root)" ct sh -c \
  "printf '%s\n' '$PASSWORD' | vipvault-agent user add --config $AGENT_CONF --username reseller --role reseller"
expect "every data file still belongs to vipvault" "$(ct find /var/lib/vipvault ! -user vipvault | wc -l)" 0
expect "the reseller signs in over HTTPS" "$(sign_in_status)" 201

check "a call is sent through the host's loopback" ct /opt/vvtest/vv-capgen send-loopback
check "both external calls are recorded by the service" wait_for 60 bash -c '[ "$(recordings)" = 2 ]'
expect "recordings stored" "$(recordings)" 2
ct find /var/lib/vipvault/vaults -name '*.opus' | sort >"$CT_WORK/files-before"
expect "two Ogg Opus files on disk" "$(wc -l <"$CT_WORK/files-before")" 2

# --- the installed app under Xvfb ---------------------------------------------
check "the installed app's .desktop entry is valid" ct desktop-file-validate /usr/share/applications/vipvault.desktop
check "both manual pages are installed" ct test -f /usr/share/man/man8/vipvault-agent.8.gz -a -f /usr/share/man/man1/vipvault.1.gz
check "the installed app's icon is in the hicolor theme" ct test -f /usr/share/icons/hicolor/scalable/apps/vipvault.svg
if ct env "VV_PASSWORD=$PASSWORD" "VV_FINGERPRINT=$FINGERPRINT" xvfb-run -a -s "-screen 0 1280x800x24" \
  /opt/vvtest/app_screenshot.sh /opt/vvtest/app-installed.png >"$CT_WORK/app.log" 2>&1; then
  pass "the installed app signed in to the installed agent under Xvfb"
else
  fail "the installed app under Xvfb: $(tail -5 "$CT_WORK/app.log")"
fi
ct cat /opt/vvtest/app-installed.png >"$ARTIFACTS/app-installed.png" 2>/dev/null
COLOURS=$(identify -format '%k' "$ARTIFACTS/app-installed.png" 2>/dev/null || echo 0)
check "the screenshot shows a drawn window ($COLOURS colours)" test "$COLOURS" -gt 50
echo "# screenshot: $ARTIFACTS/app-installed.png"

# --- the watchdog, for real ----------------------------------------------------
# A frozen agent (SIGSTOP) stops pinging; systemd must kill and restart it.
ct sh -c 'mkdir -p /run/systemd/system/vipvault-agent.service.d &&
  printf "[Service]\nWatchdogSec=3s\n" >/run/systemd/system/vipvault-agent.service.d/test.conf &&
  systemctl daemon-reload && systemctl restart vipvault-agent'
FROZEN=$(main_pid)
ct kill -STOP "$FROZEN"
check "a frozen agent is restarted by the watchdog" wait_for 60 bash -c \
  '[ "$(main_pid)" != "'"$FROZEN"'" ] && [ "$(main_pid)" != 0 ] && [ "$(unit_state)" = active ]'
check "the journal names the watchdog" ct sh -c \
  "journalctl -u vipvault-agent --no-pager | grep -q 'Watchdog timeout'"
ct sh -c 'rm -rf /run/systemd/system/vipvault-agent.service.d && systemctl daemon-reload && systemctl restart vipvault-agent'
expect "recordings survive the watchdog kill" "$(recordings)" 2

# --- upgrade ---------------------------------------------------------------------
check "dpkg upgrades both packages to $VERSION" ct sh -c 'dpkg -i /opt/vvtest/new/*.deb >/opt/vvtest/dpkg-new.log 2>&1'
ct cat /opt/vvtest/dpkg-new.log >"$ARTIFACTS/dpkg-upgrade.log"
expect "the installed version" "$(ct dpkg-query -W -f='${Version}' vipvault-agent)" "$VERSION-1"
expect "the agent runs again after the upgrade" "$(unit_state)" active
expect "the running agent is $VERSION" "$(ct vipvault-agent version)" "vipvault-agent $VERSION"
if [ "$REAL_PREVIOUS" = 1 ]; then
  check "the upgraded agent migrated the previous release's catalogue to schema 4" ct sh -c \
    "journalctl -u vipvault-agent --no-pager -o cat | grep -q 'catalogue migrated to schema version 4'"
else
  echo "# skipped: catalogue migration on upgrade (no previous release to upgrade from in this clone)"
fi
TOKEN=$(sign_in_token)
VAULT_ID=$(ct curl -sk -H "Authorization: Bearer $TOKEN" https://127.0.0.1:8443/api/v1/vaults | grep -o '"id":[0-9]*' | head -1 | cut -d: -f2)
DURATIONS=$(ct curl -sk -H "Authorization: Bearer $TOKEN" \
  "https://127.0.0.1:8443/api/v1/vaults/$VAULT_ID/recordings?sort=-duration_ms" | grep -o '"duration_ms":[0-9]*' | cut -d: -f2)
check "a listing sorted by duration (schema 4) comes longest first after the upgrade" \
  test -n "$DURATIONS" -a "$(sort -rn <<<"$DURATIONS")" = "$DURATIONS" -a "$(wc -l <<<"$DURATIONS")" -ge 2
check "the edited configuration is kept" ct grep -q '^\[vault acme\]' $AGENT_CONF
check "no .dpkg-new or .dpkg-dist copy was needed" ct sh -c '! ls /etc/vipvault/*.dpkg-* 2>/dev/null'
expect "the recordings are kept" "$(recordings)" 2
ct find /var/lib/vipvault/vaults -name '*.opus' | sort >"$CT_WORK/files-after"
check "the same files are on disk" cmp -s "$CT_WORK/files-before" "$CT_WORK/files-after"
expect "the reseller still signs in (catalogue kept)" "$(sign_in_status)" 201
check "the fingerprint is unchanged (certificate kept)" ct sh -c \
  "journalctl -u vipvault-agent --no-pager -o cat | tail -50 | grep -q '$FINGERPRINT'"

# --- remove, reinstall, purge ------------------------------------------------------
check "dpkg removes the agent" ct dpkg -r vipvault-agent
check "the service is gone" bash -c '[ "$(unit_state)" != active ]'
check "the binary is gone" ct test ! -e /usr/bin/vipvault-agent
check "remove keeps the catalogue and recordings" ct test -f /var/lib/vipvault/catalogue.sqlite -a \
  -f "$(head -1 "$CT_WORK/files-before")"
check "remove keeps the configuration" ct grep -q '^\[vault acme\]' $AGENT_CONF
check "reinstalling picks the data up again" ct sh -c 'dpkg -i /opt/vvtest/new/vipvault-agent_*.deb >/dev/null 2>&1'
expect "recordings after reinstall" "$(recordings)" 2
check "dpkg purges the agent" ct dpkg -P vipvault-agent
check "purge deletes the data" ct test ! -e /var/lib/vipvault
check "purge deletes the configuration" ct test ! -e /etc/vipvault
check "dpkg removes the app" ct dpkg -P vipvault
check "the app's files are gone" ct test ! -e /usr/bin/vipvault -a ! -e /usr/share/applications/vipvault.desktop

ct journalctl -u vipvault-agent --no-pager >"$ARTIFACTS/journal.txt" 2>&1
echo "# $CHECKS checks, $FAILED failed; journal and screenshot in $ARTIFACTS"
[ "$FAILED" -eq 0 ]
