#!/usr/bin/env bash
# `make test`: as an unprivileged user, set up what is missing and run the
# suite; as root, prepare an unprivileged test user and run it as that user
# (rootless is the point: root would hide every permission problem).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
test_user=${PODD_TEST_USER:-poddtest}
if [ "$(id -u)" = 0 ]; then
  bash "$here/host-setup.sh" --user "$test_user" --create-user
  # The checkout may sit under a directory the test user cannot enter (/root).
  # PODD_TEST_WORK lets several runs (a subset each) go on side by side.
  work=${PODD_TEST_WORK:-/var/tmp/podd-test}
  install -d -m 0755 "$work"
  rsync -a --delete --exclude .venv --exclude '__pycache__' "$top/" "$work/src/"
  chown -R "$test_user" "$work"
  exec bash "$here/as-user.sh" "$test_user" make -C "$work/src" check PYTEST_ARGS="$*"
fi
bash "$here/ensure-host.sh"
exec make -C "$top" check PYTEST_ARGS="$*"
