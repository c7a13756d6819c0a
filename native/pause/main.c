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
 *              [--parent-userns PID]
 *                                   build a pod sandbox (sandbox.c; the sync
 *                                   protocol: sync.h).
 *   podd-pause --userns --sync-fd N [--net [--cgroup DIR] [--dns ADDR --fd-socket PATH]]
 *                                   only a user namespace (same handshake), then
 *                                   hold it: the process itself stays as a pause;
 *                                   --net: with a network namespace (userns.c).
 *   podd-pause --join PID --ns user,mnt,net,ipc,uts,pid,cgroup [--cwd DIR]
 *              [--cgroup DIR] [--detach FD] -- CMD ARGS...
 *                                   enter PID's namespaces, exec CMD; exit status
 *                                   CMD's, or 125 when podd-pause failed. (join.c)
 *   podd-pause --join PID --ns LIST --send-sockets FD [--netlink|--udp] (sockets.c)
 *   podd-pause --join PID --ns user --write-maps CHILD              (maps.c)
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
			" [--cgroup DIR] [--parent-userns PID]\n"
			"       podd-pause --userns --sync-fd N [--net [--cgroup DIR]"
			" [--dns ADDR --fd-socket PATH]]\n"
			"       podd-pause --join PID --ns LIST [--cwd DIR] [--cgroup DIR]"
			" [--detach FD] -- CMD [ARG]...\n"
			"       podd-pause --join PID --ns LIST --send-sockets FD [--netlink|--udp]\n"
			"       podd-pause --join PID --ns user --write-maps CHILD\n");
	return 2;
}

static int parse_fd(const char *s) {
	char *end;
	long v = strtol(s, &end, 10);
	return (*s && !*end && v >= 0 && v < INT_MAX) ? (int)v : -1;
}

int main(int argc, char **argv) {
	const char *hostname = NULL, *join = NULL, *ns = NULL, *cwd = NULL, *cgroup = NULL;
	const char *parent_userns = NULL, *dns = NULL, *fd_socket = NULL;
	struct join_action action = {.sockets_fd = -1, .kind = SOCKETS_TCP, .maps_pid = NULL};
	int sandbox = 0, userns = 0, net = 0, keep_fd = -1, detach_fd = -1, cgroup_fd = -1, i;
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
		} else if (!strcmp(a, "--net")) {
			net = 1;
		} else if (!strcmp(a, "--netlink")) {
			action.kind = SOCKETS_NETLINK;
		} else if (!strcmp(a, "--udp")) {
			action.kind = SOCKETS_UDP;
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
		} else if (!strcmp(a, "--dns")) {
			dns = argv[++i];
		} else if (!strcmp(a, "--fd-socket")) {
			fd_socket = argv[++i];
		} else if (!strcmp(a, "--send-sockets")) {
			action.sockets_fd = parse_fd(argv[++i]);
			if (action.sockets_fd < 0)
				return usage();
		} else if (!strcmp(a, "--write-maps")) {
			action.maps_pid = argv[++i];
			if (parse_fd(action.maps_pid) <= 0)
				return usage();
		} else if (!strcmp(a, "--parent-userns")) {
			parent_userns = argv[++i];
			if (parse_fd(parent_userns) <= 0)
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
		int actions = (action.sockets_fd >= 0) + (action.maps_pid != NULL) + (cmd && *cmd);
		if (!ns || parse_fd(join) <= 0 || actions != 1 ||
		    (action.kind != SOCKETS_TCP && action.sockets_fd < 0))
			return usage();
		return run_join(join, ns, cwd, cmd, cgroup_fd, detach_fd, &action);
	}
	if (sandbox || userns) {
		if (sandbox == userns || sync_fd < 0 || fcntl(sync_fd, F_GETFD) < 0)
			return usage();
		fcntl(sync_fd, F_SETFD, FD_CLOEXEC);
		if ((net && !userns) || (parent_userns && !sandbox) || (userns && !net && cgroup) ||
		    (!dns != !fd_socket) || (dns && !net))
			return usage();
		return sandbox ? run_sandbox(hostname, keep_fd, cgroup_fd, parent_userns)
			       : run_userns(net, cgroup_fd, dns, fd_socket);
	}
	return run_pause();
}
