#!/usr/bin/env bash
# Makes sure this host can run rootless podd for the current user; asks sudo
# for what only root can do (packages, subuid range, /dev/net/tun, cgroup).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
user=$(id -un)
need=0
for tool in runc conmon slirp4netns newuidmap newgidmap cc busybox; do
  command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || [ -x "/bin/$tool" ] || need=1
done
/usr/bin/python3 -c 'import venv, ensurepip' 2>/dev/null || need=1
if [ "$user" != root ]; then
  grep -q "^$user:" /etc/subuid 2>/dev/null || need=1
  grep -q "^$user:" /etc/subgid 2>/dev/null || need=1
fi
if [ "$need" = 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  bash "$here/host-setup.sh" --user root
elif command -v sudo >/dev/null; then
  echo "ensure-host: setting up the host for $user (needs sudo)"
  sudo bash "$here/host-setup.sh" --user "$user"
else
  echo "ensure-host: missing system parts and no sudo: run scripts/host-setup.sh --user $user as root" >&2
  exit 1
fi
