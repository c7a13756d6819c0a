/*
 * podd-pause --join PID --ns user,mnt,net,ipc,uts,pid,cgroup [--cwd DIR]
 *            [--cgroup DIR] [--detach FD] -- CMD ARGS...
 * podd-pause --join PID --ns user,net --send-sockets FD [--netlink|--udp] (sockets.c)
 * podd-pause --join PID --ns user --write-maps CHILD                (maps.c)
 *
 * A tiny nsenter: enter PID's namespaces (user first), become uid/gid 0
 * there, exec CMD. CMD runs in a child when the PID namespace is joined, or
 * with --cgroup/--detach. Exit status: CMD's, or 125 when podd-pause itself
 * failed. With --detach FD: write "pid <child>\n" on FD and exit 0 at once
 * (the child is adopted by the nearest subreaper).
 *
 * --cgroup DIR: the child is created directly in the cgroup v2 directory DIR
 * (fork_into, util.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modes.h"
#include "util.h"

static pid_t join_child = -1;

static const struct {
	const char *name;
	int flag;
} ns_order[] = {
	/* user first: it grants the capabilities needed for the others; mnt last. */
	{"user", CLONE_NEWUSER}, {"cgroup", CLONE_NEWCGROUP}, {"ipc", CLONE_NEWIPC},
	{"uts", CLONE_NEWUTS},   {"net", CLONE_NEWNET},	      {"pid", CLONE_NEWPID},
	{"mnt", CLONE_NEWNS},
};
#define NS_COUNT (sizeof(ns_order) / sizeof(ns_order[0]))

void die_join(const char *step, const char *what) {
	fprintf(stderr, "podd-pause: %s %s: %s\n", step, what ? what : "", strerror(errno));
	_exit(JOIN_FAILED);
}

static void sigforward(int signo) {
	if (join_child > 0)
		kill(join_child, signo);
}

static NORETURN void exec_cmd(char **cmd) {
	execvp(cmd[0], cmd);
	fprintf(stderr, "podd-pause: exec %s: %s\n", cmd[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

int run_join(const char *target, const char *list, const char *cwd, char **cmd, int cgroup_fd,
	     int detach_fd, const struct join_action *action) {
	int fds[NS_COUNT];
	char path[PATH_MAX], names[256];
	char *tok, *save = NULL;
	int joined_pid = 0, joined_mnt = 0, status;
	size_t i;

	for (i = 0; i < NS_COUNT; i++)
		fds[i] = -1;
	if (strlen(list) >= sizeof(names)) {
		errno = E2BIG;
		die_join("--ns", list);
	}
	strcpy(names, list);
	for (tok = strtok_r(names, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < NS_COUNT && strcmp(tok, ns_order[i].name) != 0; i++)
			;
		if (i == NS_COUNT) {
			errno = EINVAL;
			die_join("unknown namespace", tok);
		}
		snprintf(path, sizeof(path), "/proc/%s/ns/%s", target, tok);
		if (fds[i] < 0 && (fds[i] = open(path, O_RDONLY | O_CLOEXEC)) < 0)
			die_join("open", path);
	}
	for (i = 0; i < NS_COUNT; i++) {
		if (fds[i] < 0)
			continue;
		if (setns(fds[i], ns_order[i].flag) < 0)
			die_join("setns", ns_order[i].name);
		close(fds[i]);
		if (ns_order[i].flag == CLONE_NEWUSER && become_root() < 0)
			die_join("become root", "in user namespace");
		joined_pid |= ns_order[i].flag == CLONE_NEWPID;
		joined_mnt |= ns_order[i].flag == CLONE_NEWNS;
	}
	if ((cwd || joined_mnt) && chdir(cwd ? cwd : "/") < 0)
		die_join("chdir", cwd ? cwd : "/");
	if (action->sockets_fd >= 0)
		return send_sockets(action->sockets_fd, action->kind);
	if (action->maps_pid)
		return write_maps(action->maps_pid);
	if (!joined_pid && cgroup_fd < 0 && detach_fd < 0)
		exec_cmd(cmd);
	join_child = fork_into(cgroup_fd);
	if (join_child < 0)
		die_join("fork", cgroup_fd >= 0 ? "into cgroup" : NULL);
	if (join_child == 0) {
		if (detach_fd >= 0)
			close(detach_fd);
		exec_cmd(cmd);
	}
	if (detach_fd >= 0) {
		dprintf(detach_fd, "pid %d\n", (int)join_child);
		return 0;
	}
	signal(SIGINT, sigforward);
	signal(SIGTERM, sigforward);
	signal(SIGHUP, sigforward);
	signal(SIGQUIT, sigforward);
	while (waitpid(join_child, &status, 0) < 0)
		if (errno != EINTR)
			die_join("waitpid", NULL);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
