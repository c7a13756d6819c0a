/*
 * podd-pause: the pod sandbox's PID 1, its launcher, and a tiny nsenter.
 *
 * This is the one program in podd that creates namespaces (Python never does:
 * see DESIGN.md section 2). One binary, so the pod's PID 1 is forked from
 * the launcher without an exec (it then maps only the pages it touches).
 * Modes, each in its own file:
 *
 *   podd-pause                      Kubernetes pause: SIGINT/SIGTERM -> exit 0,
 *                                   SIGCHLD -> reap every child, else pause().
 *                                   (pause.c)
 *   podd-pause -v                   print the version.
 *   podd-pause --sandbox --sync-fd N [--hostname H] [--keep-fd K] [--cgroup DIR]
 *                                   build a pod sandbox (sandbox.c; the sync
 *                                   protocol: sync.h).
 *   podd-pause --userns --sync-fd N only a user namespace (same handshake), then
 *                                   hold it: the process itself stays as a pause.
 *                                   (userns.c)
 *   podd-pause --join PID --ns user,mnt,net,ipc,uts,pid,cgroup [--cwd DIR]
 *              [--cgroup DIR] [--detach FD] -- CMD ARGS...
 *                                   enter PID's namespaces, exec CMD; exit status
 *                                   CMD's, or 125 when podd-pause failed. (join.c)
 *
 * podd builds these argvs in podd/sandbox/pause.py.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "modes.h"
#include "sync.h"

#define VERSION "0.1.0"

static int usage(void) {
	fprintf(stderr, "usage: podd-pause [-v]\n"
			"       podd-pause --sandbox --sync-fd N [--hostname H] [--keep-fd K]"
			" [--cgroup DIR]\n"
			"       podd-pause --userns --sync-fd N\n"
			"       podd-pause --join PID --ns LIST [--cwd DIR] [--cgroup DIR]"
			" [--detach FD] -- CMD [ARG]...\n"
			"       podd-pause --join PID --ns LIST --send-sockets FD\n");
	return 2;
}

static int parse_fd(const char *s) {
	char *end;
	long v = strtol(s, &end, 10);
	return (*s && !*end && v >= 0 && v < INT_MAX) ? (int)v : -1;
}

int main(int argc, char **argv) {
	const char *hostname = NULL, *join = NULL, *ns = NULL, *cwd = NULL, *cgroup = NULL;
	int sandbox = 0, userns = 0, keep_fd = -1, detach_fd = -1, cgroup_fd = -1, sockets_fd = -1, i;
	char **cmd = NULL;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "-v") || !strcmp(a, "--version")) {
			printf("podd-pause %s\n", VERSION);
			return 0;
		} else if (!strcmp(a, "--sandbox")) {
			sandbox = 1;
		} else if (!strcmp(a, "--userns")) {
			userns = 1;
		} else if (!strcmp(a, "--") && join) {
			cmd = argv + i + 1;
			break;
		} else if (!v) {
			return usage();
		} else if (!strcmp(a, "--sync-fd")) {
			sync_fd = parse_fd(argv[++i]);
		} else if (!strcmp(a, "--keep-fd")) {
			keep_fd = parse_fd(argv[++i]);
		} else if (!strcmp(a, "--hostname")) {
			hostname = argv[++i];
		} else if (!strcmp(a, "--join")) {
			join = argv[++i];
		} else if (!strcmp(a, "--ns")) {
			ns = argv[++i];
		} else if (!strcmp(a, "--cwd")) {
			cwd = argv[++i];
		} else if (!strcmp(a, "--cgroup")) {
			cgroup = argv[++i];
		} else if (!strcmp(a, "--send-sockets")) {
			sockets_fd = parse_fd(argv[++i]);
			if (sockets_fd < 0)
				return usage();
		} else if (!strcmp(a, "--detach")) {
			detach_fd = parse_fd(argv[++i]);
			if (detach_fd < 0)
				return usage();
		} else {
			return usage();
		}
	}
	if (cgroup && (cgroup_fd = open(cgroup, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		if (!join && sync_fd >= 0)
			die("open cgroup");
		die_join("open", cgroup);
	}
	if (join) {
		if (!ns || parse_fd(join) <= 0 || (sockets_fd < 0) == (!cmd || !*cmd))
			return usage();
		return run_join(join, ns, cwd, cmd, cgroup_fd, detach_fd, sockets_fd);
	}
	if (sandbox || userns) {
		if (sandbox == userns || sync_fd < 0 || fcntl(sync_fd, F_GETFD) < 0)
			return usage();
		fcntl(sync_fd, F_SETFD, FD_CLOEXEC);
		return sandbox ? run_sandbox(hostname, keep_fd, cgroup_fd) : run_userns();
	}
	return run_pause();
}
