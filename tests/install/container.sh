# A throwaway Debian system for install tests: a real systemd (PID 1) booted by
# systemd-nspawn on an overlay of this machine's root, so packages install with
# real dpkg and maintainer scripts and the unit runs under the real service
# manager, while nothing is written to the machine itself (the overlay's upper
# layer is a tmpfs that disappears with the container's mount namespace).
#
# Sourced by install_test.sh. Uses: unshare, mount (overlay, tmpfs),
# systemd-nspawn (package systemd-container), nsenter.
#   ct_boot NAME STAGE_DIR   boot; STAGE_DIR is copied to /opt/vvtest inside
#   ct ARGS...               run a command inside (all namespaces)
#   ct_stop                  power off and remove every trace

CT_NAME=""
CT_NSPAWN=""
CT_PID=""
CT_CGROUP=""
CT_LOG=""

# nspawn --keep-unit creates payload/ and supervisor/ cgroups under the caller's
# own cgroup; a dedicated parent (in both hierarchies) makes them removable.
_ct_enter_cgroup() {
  CT_CGROUP="vvtest.$$"
  if [ -d /sys/fs/cgroup/systemd ]; then
    mkdir -p "/sys/fs/cgroup/systemd/$CT_CGROUP"
    echo $$ >"/sys/fs/cgroup/systemd/$CT_CGROUP/cgroup.procs"
  fi
  local c2="$CT_WORK/cg2"
  mkdir -p "$c2"
  unshare -m --propagation private sh -c "mount -t cgroup2 none '$c2' 2>/dev/null || exit 0
    mkdir -p '$c2/$CT_CGROUP' && echo $$ >'$c2/$CT_CGROUP/cgroup.procs'; umount '$c2'"
}

_ct_leave_cgroup() {
  [ -n "$CT_CGROUP" ] || return 0
  if [ -d "/sys/fs/cgroup/systemd/$CT_CGROUP" ]; then
    find "/sys/fs/cgroup/systemd/$CT_CGROUP" -depth -mindepth 1 -type d -exec rmdir {} + 2>/dev/null || true
    echo $$ >/sys/fs/cgroup/systemd/cgroup.procs
    rmdir "/sys/fs/cgroup/systemd/$CT_CGROUP" 2>/dev/null || true
  fi
  local c2="$CT_WORK/cg2"
  unshare -m --propagation private sh -c "mount -t cgroup2 none '$c2' 2>/dev/null || exit 0
    find '$c2/$CT_CGROUP' -depth -mindepth 1 -type d -exec rmdir {} + 2>/dev/null
    echo $$ >'$c2/cgroup.procs'; echo \$\$ >'$c2/cgroup.procs'; rmdir '$c2/$CT_CGROUP'; umount '$c2'" || true
  CT_CGROUP=""
}

ct_boot() {
  CT_NAME=$1
  local stage=$2
  CT_LOG="$CT_WORK/nspawn.log"
  _ct_enter_cgroup
  local root="$CT_WORK/root"
  mkdir -p "$root"
  unshare -m --propagation private bash -s "$root" "$stage" "$CT_NAME" >"$CT_LOG" 2>&1 <<'INNER' &
set -e
top=$1 stage=$2 name=$3
mount -t tmpfs -o size=2g vvtest-root "$top"
mkdir -p "$top/upper" "$top/work" "$top/merged"
m=$top/merged
mount -t overlay overlay -o lowerdir=/,upperdir="$top/upper",workdir="$top/work" "$m"
# Boot to a small target of our own: services this machine happens to have
# enabled (databases, SIP servers, timers, gettys) stay off in the container.
printf '[Unit]\nDescription=VIP Vault install test\nRequires=basic.target\nAfter=basic.target\nAllowIsolate=yes\n' \
  >"$m/etc/systemd/system/vvtest.target"
ln -sf vvtest.target "$m/etc/systemd/system/default.target"
rm -rf "$m"/etc/systemd/system/{multi-user,timers,getty,sockets}.target.wants \
  "$m"/etc/systemd/system/sysinit.target.wants/systemd-{timesyncd,pstore}.service
# A policy-rc.d forbidding service starts (common in build containers) would
# stop the maintainer scripts from starting the unit as on a real host.
rm -f "$m/usr/sbin/policy-rc.d"
: >"$m/etc/machine-id"
# This machine's installed copy of the packages under test, if any, must not
# leak in: the container starts without them.
rm -rf "$m/opt/vvtest" && mkdir -p "$m/opt/vvtest" && cp -a "$stage/." "$m/opt/vvtest/"
exec systemd-nspawn -D "$m" -b --register=no --keep-unit --console=passive --private-network -M "$name"
INNER
  CT_NSPAWN=$!
  local i
  for i in $(seq 300); do
    CT_PID=$(pgrep -P "$CT_NSPAWN" -x systemd || true)
    [ -n "$CT_PID" ] && break
    kill -0 "$CT_NSPAWN" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$CT_PID" ]; then
    echo "container did not start; nspawn log:" >&2
    cat "$CT_LOG" >&2
    return 1
  fi
  for i in $(seq 300); do
    ct test -S /run/systemd/private && break
    sleep 0.1
  done
  if ! ct test -S /run/systemd/private; then
    echo "systemd did not come up inside the container; nspawn log:" >&2
    cat "$CT_LOG" >&2
    return 1
  fi
  ct systemctl is-system-running --wait >/dev/null || true
}

ct() {
  timeout 300 nsenter -t "$CT_PID" -a "$@"
}

ct_stop() {
  if [ -n "$CT_NSPAWN" ] && kill -0 "$CT_NSPAWN" 2>/dev/null; then
    ct systemctl poweroff >/dev/null 2>&1 || true
    local i
    for i in $(seq 300); do
      kill -0 "$CT_NSPAWN" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$CT_NSPAWN" 2>/dev/null; then
      # No clean power-off: killing the container's PID 1 ends every process
      # of its PID namespace; nspawn alone would leave them running.
      [ -n "$CT_PID" ] && kill -KILL "$CT_PID" 2>/dev/null
      sleep 1
      kill -KILL "$CT_NSPAWN" 2>/dev/null
    fi
    wait "$CT_NSPAWN" 2>/dev/null || true
  fi
  CT_NSPAWN=""
  _ct_leave_cgroup
}
