#!/usr/bin/env bash
# podd on a cgroup v2 / GPU host, repeatably (issue 15).
#
#   bash scripts/device-check.sh --build [DIR] [--python-version 3.12]
#       Here (Debian 12, network): a bundle for a host that reaches no network,
#       at most 64 MiB (it travels with the repo): Debian's runc, crun, conmon,
#       slirp4netns, uidmap, nftables and the libraries Ubuntu may lack (.debs,
#       unpacked there with dpkg -x), wheels for CPython 3.12 of everything podd
#       needs plus podd's own, podd-pause (static), and two OCI layout tars to
#       import: busybox, and cudacheck (busybox + glibc + a C program calling the
#       CUDA driver API). Default DIR: build/device-bundle.
#
#   bash scripts/device-check.sh --remote [DIR] [--no-gpu] [--runtimes "runc crun"]
#       There (as root; Ubuntu 24.04, cgroup v2, a GPU): podd rootless as a
#       throwaway user in a delegated cgroup subtree, one pass per runtime;
#       PASS/FAIL/SKIP per check, a summary, exit 0 only if nothing failed.
#       Leaves nothing behind: user, cgroups, processes, work dir. The
#       transcript is also written to DIR/last-run/transcript.log.
#
# Options: --work DIR (default /var/tmp/podd-device-check), --user NAME
# (default poddcheck), --pids-limit N (256), --network bridge|slirp (default:
# bridge when nft runs, else slirp), --pass-timeout SECONDS (250).
set -u -o pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)

MAX_BYTES=$((64 << 20))
# runc/crun/conmon/slirp4netns/newuidmap/nft and what they link that a
# minimal Ubuntu 24.04 may lack (checked with dpkg-deb -f Depends); only the
# libraries the host really misses are used there (see fallback_libs).
DEBS=(runc crun conmon slirp4netns libslirp0 uidmap libsubid4 libyajl2 libglib2.0-0 libseccomp2
      libffi8 libpcre2-8-0 libcap2 nftables libnftables1 libnftnl11 libmnl0 libjansson4
      libxtables12 libedit2 libbsd0 libmd0 libgmp10)
PLATFORMS=(manylinux2014_x86_64 manylinux_2_17_x86_64 manylinux_2_27_x86_64 manylinux_2_28_x86_64
           manylinux_2_31_x86_64 manylinux_2_34_x86_64)

mode=""; bundle=""; pyver=3.12; gpu=auto; runtimes="runc crun"
work=/var/tmp/podd-device-check; user=poddcheck; pids_limit=256; network=""; pass_timeout=250

usage() { sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --build|--remote)
      mode=${1#--}; shift
      if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then bundle=$1; shift; fi ;;
    --python-version) pyver=$2; shift 2 ;;
    --no-gpu) gpu=no; shift ;;
    --runtimes) runtimes=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --user) user=$2; shift 2 ;;
    --pids-limit) pids_limit=$2; shift 2 ;;
    --network) network=$2; shift 2 ;;
    --pass-timeout) pass_timeout=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "device-check: unknown argument $1" >&2; usage ;;
  esac
done
[ -n "$mode" ] || usage
bundle=${bundle:-$top/build/device-bundle}
case "$bundle" in /*) ;; *) bundle=$PWD/$bundle ;; esac

say() { printf '%s\n' "$*"; }
die() { printf 'device-check: %s\n' "$*" >&2; exit 1; }
safe_dir() {  # a directory we may rm -rf: absolute, not a link, not a system path
  case "$1" in /|/usr*|/etc*|/bin*|/lib*|/sbin*|/boot*|/dev*|/proc*|/sys*|/root|/home|/var|/var/tmp|/tmp)
    die "refusing to use $1 as a scratch directory" ;; esac
  [ ! -L "$1" ] || die "$1 is a symbolic link"
}

# -- build --------------------------------------------------------------------------
build() {
  set -e
  local t0 py size tree
  t0=$(date +%s.%N)
  safe_dir "$bundle"
  py=$top/.venv/bin/python; [ -x "$py" ] || py=$(command -v python3)
  tmp=$(mktemp -d /tmp/podd-device-build.XXXXXX)  # global: the EXIT trap removes it
  trap 'rm -rf "$tmp"' EXIT
  rm -rf "$bundle"
  mkdir -p "$bundle/debs" "$bundle/wheels" "$bundle/bin" "$bundle/images"

  say "== Debian packages (apt-get download, unpacked there with dpkg -x)"
  # apt's _apt user cannot write into a root-only directory: fetch in tmp.
  mkdir -m 0777 "$tmp/debs"
  (cd "$tmp/debs" && apt-get download -qq "${DEBS[@]}" 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
  mv "$tmp"/debs/*.deb "$bundle/debs/"
  for d in "$bundle"/debs/*.deb; do
    say "  $(basename "$d")  $(dpkg-deb -f "$d" Depends)"
  done
  [ "$(ls "$bundle"/debs/*.deb | wc -l)" -eq "${#DEBS[@]}" ] || die "not every package was downloaded"

  say "== podd's wheel (from the working tree) and podd-pause"
  mkdir "$tmp/src"
  git -C "$top" ls-files -co --exclude-standard -z | rsync -a --from0 --files-from=- "$top/" "$tmp/src/"
  # podd has no Python extension (podd-pause is a static program), so one
  # abi3 wheel installs on every CPython >= 3.11.
  "$py" -m pip wheel -q --no-deps -w "$bundle/wheels" \
    --config-settings=--build-option=--py-limited-api=cp311 "$tmp/src" > "$tmp/wheel.log" 2>&1 ||
    { grep -v "^WARNING: Location" "$tmp/wheel.log"; die "podd's wheel was not built"; }
  make -s -C "$tmp/src/native/pause" podd-pause >/dev/null
  install -m 0755 "$tmp/src/native/pause/podd-pause" "$bundle/bin/podd-pause"
  say "  $(basename "$bundle"/wheels/podd-*.whl); podd-pause: $(file -b "$bundle/bin/podd-pause" | cut -d, -f1-5)"

  say "== wheels for CPython $pyver (what podd's wheel requires, pinned by requirements.lock)"
  "$py" - "$bundle"/wheels/podd-*.whl > "$tmp/requirements.txt" <<'EOF'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as z:
    meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
    for line in z.read(meta).decode().splitlines():
        if line.startswith("Requires-Dist:") and "extra ==" not in line:
            print(line.split(":", 1)[1].strip())
EOF
  local plats=(); for p in "${PLATFORMS[@]}"; do plats+=(--platform "$p"); done
  # pip itself too: Ubuntu's python may lack ensurepip; pip runs from its wheel.
  "$py" -m pip download -q --only-binary=:all: --python-version "$pyver" --implementation cp \
    "${plats[@]}" -d "$bundle/wheels" -c "$top/requirements.lock" -r "$tmp/requirements.txt" pip \
    > "$tmp/pip.log" 2>&1 || { grep -v "^WARNING: Location" "$tmp/pip.log"; die "pip download failed"; }
  say "  $(ls "$bundle"/wheels | wc -l) wheels, $(du -sh "$bundle/wheels" | cut -f1)"

  say "== cudacheck and the images (OCI layout tars)"
  cc -O2 -Wall -Werror -o "$bundle/bin/cudacheck" "$top/native/cudacheck/cudacheck.c" -ldl
  (cd "$top" && "$py" -m scripts.devicecheck.images "$bundle/images" "$bundle/bin/cudacheck")

  cat > "$bundle/bundle.env" <<EOF
PYTHON_VERSION=$pyver
BUILT="$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname)"
GIT="$(git -C "$top" rev-parse --short HEAD)$(git -C "$top" diff --quiet HEAD -- podd native || echo +dirty)"
EOF
  size=$(du -sb "$bundle" | cut -f1)
  tree=$(git -C "$top" ls-files -co --exclude-standard -z | du -cb --files0-from=- 2>/dev/null | tail -1 | cut -f1)
  say "== bundle $bundle: $((size / 1024)) KiB ($(awk "BEGIN{printf \"%.1f\", $size/1048576}") MiB of 64); the working tree that travels beside it: $((tree / 1024)) KiB"
  say "   built in $(awk "BEGIN{printf \"%.1f\", $(date +%s.%N) - $t0}") s"
  [ "$size" -le "$MAX_BYTES" ] || die "the bundle is over 64 MiB"
  [ $((size + tree)) -le "$MAX_BYTES" ] || say "WARNING: bundle + working tree exceed 64 MiB: the device tool's carry will refuse them"
}

# -- remote: bookkeeping ---------------------------------------------------------------
results_dir=""; host_results=""; created_user=0; tun_mode=""; enabled_here=(); D=""; W=""
cleaned=0; PY=""; LD=""

json_escape() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; s=${s//$'\n'/ }; s=${s//$'\t'/ }; printf '%s' "$s"; }
record() {  # record NAME STATUS DETAIL: a root-side result, printed and kept
  printf '[%s] host  %s: %s\n' "$2" "$1" "$3"
  printf '{"part": "host", "name": "%s", "status": "%s", "detail": "%s"}\n' \
    "$(json_escape "$1")" "$2" "$(json_escape "$3")" >> "$host_results"
}
check() { if [ "$2" = 0 ]; then record "$1" PASS "$3"; else record "$1" FAIL "$3"; fi; }

cgroup_pids() { [ -n "$1" ] && [ -d "$1" ] && find "$1" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -un; }
user_pids() {  # from /proc (a minimal image may have no pgrep)
  local uid; uid=$(id -u "$user" 2>/dev/null) || return 0
  find /proc -mindepth 1 -maxdepth 1 -regex '/proc/[0-9]+' -uid "$uid" -printf '%f\n' 2>/dev/null | sort -un
}

kill_leftovers() {  # everything in our cgroup and of our user: ours to end
  local pids
  if [ -n "$D" ] && [ -d "$D" ]; then
    if [ -f "$D/cgroup.kill" ]; then echo 1 > "$D/cgroup.kill" 2>/dev/null; fi
    pids=$(cgroup_pids "$D"); [ -z "$pids" ] || kill -9 $pids 2>/dev/null
  fi
  if [ "$created_user" = 1 ]; then pids=$(user_pids); [ -z "$pids" ] || kill -9 $pids 2>/dev/null; fi
  for _ in $(seq 100); do
    [ -z "$(cgroup_pids "$D")" ] && { [ "$created_user" = 0 ] || [ -z "$(user_pids)" ]; } && return 0
    sleep 0.1
  done
  return 1
}

cleanup() {
  [ "$cleaned" = 1 ] && return 0
  cleaned=1
  say ""; say "== cleanup"
  local left; left=$( (cgroup_pids "$D"; [ "$created_user" = 1 ] && user_pids) | sort -un | tr '\n' ' ')
  kill_leftovers
  check "cleanup: nothing was left running" "$([ -z "${left// }" ] && echo 0 || echo 1)" "${left:-no process of $user, none in ${D:-the cgroup}}"
  if [ -n "$W" ]; then  # rootless mounts die with their namespaces; anything else is ours
    findmnt -rn -o TARGET | grep -F "$W/" | sort -r | while read -r mnt; do umount -l "$mnt"; done
  fi
  if [ -n "$D" ] && [ -d "$D" ]; then
    find "$D" -depth -type d -exec rmdir {} + 2>/dev/null
    check "cleanup: cgroup $D removed" "$([ -d "$D" ] && echo 1 || echo 0)" "the subtree, by rmdir"
  fi
  local c
  for c in "${enabled_here[@]}"; do echo "-$c" > "$CG/cgroup.subtree_control" 2>/dev/null; done
  if [ "$created_user" = 1 ]; then
    userdel "$user" >/dev/null 2>&1
    for f in /etc/subuid /etc/subgid; do
      [ -f "$f" ] && [ ! -L "$f" ] && sed -i "/^$user:/d" "$f"
    done
    check "cleanup: user $user removed" "$( (id "$user" >/dev/null 2>&1 || grep -q "^$user:" /etc/subuid /etc/subgid) && echo 1 || echo 0)" "with its /etc/subuid and /etc/subgid ranges"
  fi
  if [ -n "$tun_mode" ]; then chmod "$tun_mode" /dev/net/tun; fi
}

on_exit() {
  local rc=$?
  if [ "$cleaned" = 0 ]; then
    say "device-check: stopped early (status $rc): cleaning up"
    cleanup
  fi
  if [ -n "$W" ] && [ -d "$W" ]; then rm -rf "$W"; fi
  [ -n "$W" ] && [ -e "$W" ] && say "device-check: could not remove $W"
  exit "$rc"
}

# -- remote: steps ---------------------------------------------------------------------
host_report() {
  say "== podd device check, $(date -u +%FT%TZ), bundle ${BUILT:-?} at ${GIT:-?}"
  say "host: $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME"), kernel $(uname -r), $(nproc) cpus, $(awk '/MemTotal/{printf "%d", $2/1048576}' /proc/meminfo) GiB, uid $(id -u)"
  if [ -f /sys/fs/cgroup/cgroup.controllers ]; then CG=/sys/fs/cgroup; unified=1
  elif [ -f /sys/fs/cgroup/unified/cgroup.controllers ]; then CG=/sys/fs/cgroup/unified; unified=0
  else CG=""; unified=0; fi
  say "cgroup: $([ "$unified" = 1 ] && echo "v2 unified" || echo "not unified (v2 at ${CG:-nowhere})"), root offers: $(cat "$CG/cgroup.controllers" 2>/dev/null)"
  if [ "$gpu" = auto ]; then
    if [ -e /dev/nvidia0 ] || { command -v nvidia-smi >/dev/null && nvidia-smi -L >/dev/null 2>&1; }; then gpu=yes; else gpu=no; fi
  fi
  if [ "$gpu" = yes ]; then say "gpu: $(nvidia-smi -L 2>&1 | head -4 | tr '\n' ' ')"; else say "gpu: none (GPU checks SKIP)"; fi
}

fallback_libs() {  # link into $W/lib only the sonames the host's loader cannot find
  local bin so found miss=""
  mkdir -p "$W/lib"
  for bin in "$@"; do
    [ -e "$bin" ] || continue
    for so in $(ldd "$bin" 2>/dev/null | awk '/not found/{print $1}'); do
      found=$(find "$W/root" -name "$so" \( -type f -o -type l \) | head -1)
      if [ -n "$found" ]; then ln -sf "$found" "$W/lib/$so"; miss="$miss $so"; else miss="$miss $so(MISSING)"; fi
    done
  done
  [ -z "$miss" ] || LD=$W/lib
  say "  libraries the host lacks, taken from the debs:${miss:- none}"
}

helper() {  # $W/bin/NAME: a link to the unpacked program, or, where it needs
  # libraries from $W/lib, a wrapper that sets LD_LIBRARY_PATH (podd starts
  # runc/crun/conmon with an environment of its own, not ours).
  local name=$1 target=$2
  if [ -n "$LD" ] && env -u LD_LIBRARY_PATH ldd "$target" 2>/dev/null | grep -q 'not found'; then
    printf '#!/bin/sh\nLD_LIBRARY_PATH=%s exec %s "$@"\n' "$LD" "$target" > "$W/bin/$name"
    chmod 0755 "$W/bin/$name"
  else
    ln -s "$target" "$W/bin/$name"
  fi
}

install_helpers() {
  say ""; say "== helpers from the .debs (dpkg -x into $W/root)"
  local d v rc=0
  for d in "$bundle"/debs/*.deb; do dpkg-deb -x "$d" "$W/root" || rc=1; done
  check "host: debs unpacked" "$rc" "$(ls "$bundle"/debs | wc -l) packages"
  mkdir -p "$W/bin"
  install -m 0755 "$bundle/bin/podd-pause" "$W/bin/podd-pause"
  fallback_libs "$W/root/usr/sbin/runc" "$W/root/usr/bin/crun" "$W/root/usr/bin/conmon" \
    "$W/root/usr/bin/slirp4netns" "$W/root/usr/bin/newuidmap" "$W/root/usr/sbin/nft"
  helper runc "$W/root/usr/sbin/runc"
  helper crun "$W/root/usr/bin/crun"
  helper conmon "$W/root/usr/bin/conmon"
  helper slirp4netns "$W/root/usr/bin/slirp4netns"
  if ! nft --version >/dev/null 2>&1; then helper nft "$W/root/usr/sbin/nft"; fi
  # newuidmap/newgidmap must be setuid root; a setuid program ignores
  # LD_LIBRARY_PATH, which Debian's needs none of on Ubuntu (libaudit, libselinux).
  local id_helper_note
  if [ -u /usr/bin/newuidmap ] && [ -u /usr/bin/newgidmap ]; then
    id_helper_note="the host's /usr/bin/newuidmap, newgidmap"
  elif [ "$(id -u)" = 0 ]; then
    for v in newuidmap newgidmap; do
      install -m 0755 -o root -g root "$W/root/usr/bin/$v" "$W/bin/$v" && chmod u+s "$W/bin/$v"
    done
    id_helper_note="Debian's, setuid root in $W/bin"
    if findmnt -n -o OPTIONS --target "$W" | grep -qw nosuid; then
      id_helper_note="$id_helper_note, but $W is on a nosuid filesystem"
    fi
  else
    id_helper_note="none: no setuid newuidmap on this host and not root"
  fi
  local versions=""
  for v in runc crun conmon slirp4netns nft podd-pause; do
    versions="$versions $v=$(env PATH="$W/bin:$PATH" $v --version 2>&1 | head -1 | grep -oE '[0-9]+\.[0-9]+(\.[0-9]+)?' | head -1)"
  done
  check "host: helpers run" "$(echo "$versions" | grep -q '=\( \|$\)' && echo 1 || echo 0)" "${versions# }; id maps: $id_helper_note"
}

install_python() {
  say ""; say "== Python $PYTHON_VERSION venv with podd and its wheels"
  local c exe base="" pipwhl
  # The interpreter itself (not a shim), one that $user may run too.
  for c in "/usr/bin/python$PYTHON_VERSION" "/usr/local/bin/python$PYTHON_VERSION" \
           "python$PYTHON_VERSION" python3; do
    command -v "$c" >/dev/null 2>&1 || continue
    exe=$("$c" -c 'import sys; print(sys.executable if "%d.%d" % sys.version_info[:2] == sys.argv[1] else "")' \
      "$PYTHON_VERSION" 2>/dev/null) || continue
    [ -n "$exe" ] || continue
    if [ "$(id -u)" = 0 ] && ! runuser -u "$user" -- "$exe" -c pass 2>/dev/null; then continue; fi
    base=$exe; break
  done
  [ -n "$base" ] || { record "host: python $PYTHON_VERSION" FAIL "no python$PYTHON_VERSION that $user may run"; return 1; }
  pipwhl=$(ls "$bundle"/wheels/pip-*.whl | head -1)
  if "$base" -m venv --without-pip "$W/venv" 2>/dev/null; then
    PY=$W/venv/bin/python
    "$PY" "$pipwhl/pip" install -q --no-index --no-cache-dir --disable-pip-version-check \
      --find-links "$bundle/wheels" podd
  else  # no venv module: the wheels onto a plain directory
    PY=$base; PYPATH=$W/site
    "$base" "$pipwhl/pip" install -q --no-index --no-cache-dir --disable-pip-version-check \
      --target "$W/site" --find-links "$bundle/wheels" podd
  fi
  local rc=$?
  mkdir -p "$W/check" && cp -r "$here/devicecheck" "$W/check/" && rm -rf "$W/check/devicecheck/__pycache__"
  mkdir -p "$W/images" && cp "$bundle"/images/*.tar "$W/images/"
  local d
  for d in venv site check images root lib; do [ -d "$W/$d" ] && chmod -R a+rX "$W/$d"; done
  if [ "$rc" = 0 ] && [ "$(id -u)" = 0 ]; then
    runuser -u "$user" -- env PYTHONPATH="${PYPATH:-}" "$PY" -c 'import podd' || rc=1
  fi
  check "host: venv with podd" "$rc" "$base ($(readlink -f "$base")) -> $PY: $(PYTHONPATH=${PYPATH:-} "$PY" -m podd.cli.main version 2>&1 | head -1)"
  return $rc
}

setup_user() {
  say ""; say "== unprivileged user $user"
  if [ "$(id -u)" != 0 ]; then
    user=$(id -un); home_dir=$W/home; mkdir -p "$home_dir"
    record "host: user" PASS "not root: podd runs as $user, with the host's subuid ranges and cgroup"
    return 0
  fi
  home_dir=$W/home
  if id "$user" >/dev/null 2>&1; then
    die "user $user exists already (a run that was not cleaned up?): remove it or pick --user"
  fi
  useradd -M -d "$home_dir" -s /bin/sh -U "$user" && created_user=1 || { record "host: user" FAIL "useradd failed"; return 1; }
  install -d -m 0700 -o "$user" -g "$user" "$home_dir" "$home_dir/xdg"
  local f last
  for f in /etc/subuid /etc/subgid; do
    [ ! -L "$f" ] || die "$f is a symbolic link"
    touch "$f"
    grep -q "^$user:" "$f" && continue  # useradd gave it a range (SUB_UID_COUNT)
    last=$(awk -F: 'BEGIN{m=100000} {e=$2+$3; if (e>m) m=e} END{print m}' "$f")
    echo "$user:$last:65536" >> "$f"
  done
  if [ -c /dev/net/tun ] && ! runuser -u "$user" -- test -r /dev/net/tun -a -w /dev/net/tun; then
    tun_mode=$(stat -c %a /dev/net/tun); chmod 0666 /dev/net/tun
  fi
  record "host: user $user" PASS "uid $(id -u "$user"), $(grep "^$user:" /etc/subuid | head -1) in /etc/subuid$([ -n "$tun_mode" ] && echo ", /dev/net/tun made 0666 (was $tun_mode)")"
}

delegate_cgroup() {
  say ""; say "== delegated cgroup subtree"
  if [ -z "$CG" ] || [ "$(id -u)" != 0 ]; then
    record "host: delegated cgroup" PASS "none made (${CG:+not root}${CG:-no cgroup v2}): podd uses what it finds"
    return 0
  fi
  local c
  for c in cpu memory pids io cpuset; do
    grep -qw "$c" "$CG/cgroup.controllers" || continue
    grep -qw "$c" "$CG/cgroup.subtree_control" && continue
    echo "+$c" > "$CG/cgroup.subtree_control" && enabled_here+=("$c")
  done
  D=$CG/podd-check
  [ ! -e "$D" ] || die "$D exists (a run that was not cleaned up?)"
  mkdir "$D" && chown "$user" "$D" "$D/cgroup.procs" "$D/cgroup.subtree_control" "$D/cgroup.threads"
  check "host: delegated cgroup" $? "$D owned by $user (as Delegate=yes), offers: $(cat "$D/cgroup.controllers")${enabled_here[*]:+; enabled in $CG: ${enabled_here[*]}}"
}

run_pass() {
  local rt=$1 rc leaf="" pw=$home_dir/$rt results=$home_dir/results-$rt.jsonl
  say ""; say "== pass $rt: podd serve --runtime $rt as $user"
  install -d -m 0700 -o "$user" "$pw"
  local path=$W/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  [ -d /usr/local/nvidia/bin ] && path=$path:/usr/local/nvidia/bin
  local cmd=(env -i HOME="$home_dir" USER="$user" LOGNAME="$user" PATH="$path" LANG=C.UTF-8
    XDG_RUNTIME_DIR="$home_dir/xdg" PODD_PAUSE="$W/bin/podd-pause" PYTHONUNBUFFERED=1
    PYTHONPATH="$W/check${PYPATH:+:$PYPATH}"
    timeout -k 10 "$pass_timeout" "$PY" -m devicecheck.main --runtime "$rt" --work "$pw"
    --images "$W/images" --results "$results" --pids-limit "$pids_limit"
    ${network:+--network "$network"})
  [ "$gpu" = yes ] && cmd+=(--gpu)
  [ "$unified" = 1 ] && cmd+=(--unified)
  if [ -n "$D" ]; then
    leaf=$D/pass-$rt; mkdir "$leaf"
    chown "$user" "$leaf" "$leaf/cgroup.procs" "$leaf/cgroup.subtree_control" "$leaf/cgroup.threads"
    ( echo "$BASHPID" > "$leaf/cgroup.procs" && exec runuser -u "$user" -- "${cmd[@]}" )
  elif [ "$(id -u)" = 0 ]; then
    runuser -u "$user" -- "${cmd[@]}"
  else
    "${cmd[@]}"
  fi
  rc=$?
  [ "$rc" = 124 ] && record "pass $rt: within $pass_timeout s" FAIL "timed out"
  cp "$results" "$results_dir/" 2>/dev/null
  # 10. what podd left: nothing of the user running, the subtree empty.
  local left=""
  for _ in $(seq 50); do
    left=$( (cgroup_pids "$D"; [ "$created_user" = 1 ] && user_pids) | sort -un | tr '\n' ' ')
    [ -z "${left// }" ] && break; sleep 0.2
  done
  if [ -n "${left// }" ]; then
    local p desc=""
    for p in $left; do desc="$desc $p:$(tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | cut -c1-60);"; done
    record "cleanup ($rt): no process left after podd stopped" FAIL "$desc"
    kill_leftovers
  else
    record "cleanup ($rt): no process left after podd stopped" PASS "none of $user, ${D:+none in $D}"
  fi
  [ -n "$leaf" ] && rmdir "$leaf" 2>/dev/null
}

remote() {
  [ -f "$bundle/bundle.env" ] || die "no bundle at $bundle (run --build first)"
  # shellcheck disable=SC1091
  . "$bundle/bundle.env"
  [ "$(uname -m)" = x86_64 ] || die "the bundle is for x86_64"
  safe_dir "$work"
  results_dir=$bundle/last-run
  rm -rf "$results_dir"; mkdir -p "$results_dir"
  host_results=$results_dir/host.jsonl
  exec > >(tee "$results_dir/transcript.log") 2>&1
  local t0; t0=$(date +%s)
  trap on_exit EXIT
  trap 'exit 130' INT TERM HUP
  host_report
  [ -e "$work" ] && die "$work exists (a run that was not cleaned up?): remove it first"
  W=$work; mkdir -m 0755 "$W"
  install_helpers
  if [ -z "$network" ]; then
    network=slirp; env PATH="$W/bin:$PATH" nft --version >/dev/null 2>&1 && network=bridge
  fi
  if setup_user && install_python && delegate_cgroup; then
    for rt in $runtimes; do run_pass "$rt"; done
  else
    record "setup" FAIL "the passes did not run"
  fi
  cleanup
  say ""; say "(took $(($(date +%s) - t0)) s)"
  local rc=0
  PYTHONPATH="$W/check${PYPATH:+:$PYPATH}" "${PY:-python3}" -m devicecheck.report \
    "$host_results" $(for rt in $runtimes; do echo "$results_dir/results-$rt.jsonl"; done) || rc=$?
  [ -n "$PY" ] || rc=1
  rm -rf "$W"
  [ ! -e "$W" ] || { say "device-check: $W is still there"; rc=1; }
  say "transcript: $results_dir/transcript.log"
  exit "$rc"
}

case "$mode" in
  build) build ;;
  remote) remote ;;
esac
