#!/usr/bin/env bash
# Prepares a host for rootless podd (run as root): system packages, a user with
# subuid/subgid ranges, /dev/net/tun usable, and a delegated cgroup v2 subtree.
# Idempotent. Usage: host-setup.sh --user NAME [--create-user]
set -euo pipefail
user=""; create=0
while [ $# -gt 0 ]; do
  case "$1" in
    --user) user="$2"; shift 2 ;;
    --create-user) create=1; shift ;;
    *) echo "usage: $0 --user NAME [--create-user]" >&2; exit 2 ;;
  esac
done
[ -n "$user" ] || { echo "host-setup: --user is required" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "host-setup: must run as root" >&2; exit 1; }

packages=(runc conmon slirp4netns uidmap busybox-static docker-registry skopeo podman catatonit
          python3-venv python3-dev gcc make libc6-dev iproute2 util-linux procps rsync nftables
          wget)  # the test image that fetches by name carries the host's GNU wget
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "host-setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Debian starts a registry on :5000 when installed; tests start their own.
if systemctl is-active -q docker-registry 2>/dev/null; then
  systemctl disable --now docker-registry >/dev/null 2>&1 || true
fi

if ! id "$user" >/dev/null 2>&1; then
  [ "$create" = 1 ] || { echo "host-setup: no user $user" >&2; exit 1; }
  useradd --create-home --shell /bin/bash "$user"
fi
uid=$(id -u "$user")

# One 65536 range per user; the sandbox maps container 1..65536 onto it.
for f in /etc/subuid /etc/subgid; do
  touch "$f"
  if ! grep -q "^$user:" "$f"; then
    last=$(awk -F: 'BEGIN{m=100000} {e=$2+$3; if (e>m) m=e} END{print m}' "$f")
    echo "$user:$last:65536" >> "$f"
  fi
done

# Laptops have /dev/net/tun 0666; some VMs keep it root-only.
[ -c /dev/net/tun ] && chmod 0666 /dev/net/tun

# XDG_RUNTIME_DIR as logind would make it.
install -d -m 0700 -o "$user" -g "$(id -g "$user")" "/run/user/$uid"

# Delegated cgroup v2 subtree (what systemd's Delegate=yes gives a user service).
if [ -f /sys/fs/cgroup/cgroup.controllers ]; then
  cg=/sys/fs/cgroup
elif [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then
  cg=/sys/fs/cgroup/unified
else
  cg=""
fi
if [ -n "$cg" ]; then
  # Enable what the root offers so the subtree can use it (no-op on hybrid hosts).
  for c in $(cat "$cg/cgroup.controllers"); do
    echo "+$c" > "$cg/cgroup.subtree_control" 2>/dev/null || true
  done
  d="$cg/podd.$user"
  mkdir -p "$d"
  chown "$user" "$d" "$d/cgroup.procs" "$d/cgroup.threads" "$d/cgroup.subtree_control"
  echo "$d" > "/run/user/$uid/podd-delegated-cgroup"
  chown "$user" "/run/user/$uid/podd-delegated-cgroup"
fi
# A small filesystem tests fill to see podd answer a full disk and recover
# (only root can mount one; a full real disk is what podd must survive).
small="/var/tmp/podd-small-fs.$user"
install -d -m 0700 -o "$user" "$small"
if ! mountpoint -q "$small"; then
  mount -t tmpfs -o "size=32m,mode=0700,uid=$uid,gid=$(id -g "$user")" podd-small-fs "$small" ||
    echo "host-setup: no small test filesystem at $small (tmpfs mount refused)" >&2
fi
echo "$small" > "/run/user/$uid/podd-small-fs"
chown "$user" "/run/user/$uid/podd-small-fs"
echo "host-setup: ready for $user (uid $uid, cgroup ${cg:+$d})"
