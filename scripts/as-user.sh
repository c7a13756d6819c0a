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
  echo $$ > "$d/../cgroup.procs" 2>/dev/null || echo $$ > "$(dirname "$d")/cgroup.procs" || true
  rmdir "$leaf" 2>/dev/null || true
fi
exit $rc
