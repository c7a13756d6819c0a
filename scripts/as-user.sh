#!/usr/bin/env bash
# Runs a command as an unprivileged user from inside that user's delegated
# cgroup subtree (as a systemd user session would), with a clean environment
# and a PATH without /root. Run as root. Usage: as-user.sh USER CMD...
set -euo pipefail
user="$1"; shift
uid=$(id -u "$user")
home=$(getent passwd "$user" | cut -d: -f6)
d=$(cat "/run/user/$uid/podd-delegated-cgroup" 2>/dev/null || true)
leaf=""
if [ -n "$d" ] && [ -d "$d" ]; then
  leaf="$d/session.$$"
  mkdir -p "$leaf"
  chown "$user" "$leaf" "$leaf/cgroup.procs" "$leaf/cgroup.threads" "$leaf/cgroup.subtree_control"
  echo $$ > "$leaf/cgroup.procs"
fi
rc=0
runuser -u "$user" -- env -i HOME="$home" USER="$user" LOGNAME="$user" \
  PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin LANG=C.UTF-8 \
  XDG_RUNTIME_DIR="/run/user/$uid" ${CI:+CI=$CI} "$@" || rc=$?
if [ -n "$leaf" ]; then
  # Leave the leaf, then check that the command left nothing running in it.
  echo $$ > "$(dirname "$d")/cgroup.procs"
  left=$(find "$leaf" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un)
  if [ -n "$left" ]; then
    echo "as-user: processes left behind by: $*" >&2
    for pid in $left; do echo "  $pid $(tr '\0' ' ' < /proc/$pid/cmdline 2>/dev/null)" >&2; done
    [ -f "$leaf/cgroup.kill" ] && echo 1 > "$leaf/cgroup.kill" || kill -9 $left 2>/dev/null || true
    for _ in $(seq 100); do grep -q 'populated 0' "$leaf/cgroup.events" && break; sleep 0.05; done
    [ "$rc" = 0 ] && rc=1
  fi
  find "$leaf" -depth -type d -exec rmdir {} + 2>/dev/null || true
fi
exit $rc
