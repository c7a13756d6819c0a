"""scripts/device-check.sh's Python half: the bundle's images (built here),
and the checks that run against a live podd on the cgroup v2 / GPU host."""
