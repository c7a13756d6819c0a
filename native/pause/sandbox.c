/*
 * podd-pause --sandbox --sync-fd N [--hostname H] [--keep-fd K] [--cgroup DIR]
 *                      [--parent-userns PID]
 *
 * The sandbox launcher: unshares the user namespace (podd writes the maps,
 * see sync.h), then net, ipc, uts, mount and PID namespaces; makes /
 * rprivate, sets the hostname, brings lo up, and forks the pod's PID 1
 * (pause.c). It reports "pid <pid>" once that PID 1 has installed its signal
 * handlers (a PID 1 drops signals it has no handler for), then exits 0.
 *
 * --keep-fd K: the pod's PID 1 keeps fd K open for its whole life (every other
 * inherited fd is closed). podd passes the write end of slirp4netns's exit
 * pipe there, so slirp4netns exits by itself when the pod's PID 1 dies.
 *
 * --parent-userns PID: the pod's user namespace is made a child of PID's
 * (podd's pod network), whose root then writes its maps (--write-maps, maps.c)
 * and may wire its network namespace into the pod network's bridge.
 *
 * --cgroup DIR: the pod's PID 1 is created directly in the cgroup v2
 * directory DIR with clone3(CLONE_INTO_CGROUP) (fork_into, util.c); PID 1
 * then unshares its cgroup namespace, rooted there.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modes.h"
#include "sync.h"
#include "util.h"

/* Closes every fd >= 3 except keep (-1: none). */
static void close_fds_except(int keep) {
	if (keep < 3) {
		if (close_range(3, ~0U, 0) == 0)
			return;
	} else if ((keep == 3 || close_range(3, (unsigned)keep - 1, 0) == 0) &&
		   close_range((unsigned)keep + 1, ~0U, 0) == 0) {
		return;
	}
	for (int fd = 3; fd < 4096; fd++) /* kernels before 5.9 */
		if (fd != keep)
			close(fd);
}

static void stdio_to_devnull(void) {
	int fd = open("/dev/null", O_RDWR);
	if (fd < 0)
		die("open /dev/null");
	for (int i = 0; i < 3; i++)
		if (dup2(fd, i) < 0)
			die("dup2 /dev/null");
	if (fd > 2)
		close(fd);
}

/* The pod's PID 1: detach, install handlers, then tell the launcher. */
static NORETURN void pod_init(int ready_fd, int keep_fd) {
	const char *failed;
	if (unshare(CLONE_NEWCGROUP) < 0)
		die("unshare cgroup");
	if (setsid() < 0)
		die("setsid");
	stdio_to_devnull();
	if ((failed = pause_handlers()))
		die(failed);
	if (write_all(ready_fd, "r", 1) < 0)
		die("report ready");
	close(ready_fd);
	sync_fd = -1;
	close_fds_except(keep_fd);
	pause_forever();
}

int run_sandbox(const char *hostname, int keep_fd, int cgroup_fd, const char *parent_userns) {
	int flags = CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS | CLONE_NEWPID;
	int ready[2];
	pid_t pid;
	char c;
	ssize_t n;

	if (parent_userns && enter_userns(parent_userns) < 0)
		die("enter the pod network's user namespace");
	unshare_user_and_wait_maps();
	if (unshare(flags) < 0)
		die("unshare namespaces");
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		die("make / rprivate");
	if (hostname && sethostname(hostname, strlen(hostname)) < 0)
		die("sethostname");
	if (lo_up() < 0)
		die("bring lo up");
	if (pipe2(ready, O_CLOEXEC) < 0)
		die("pipe");
	pid = fork_into(cgroup_fd);
	if (pid < 0)
		die("fork into cgroup");
	if (pid == 0) {
		close(ready[0]);
		pod_init(ready[1], keep_fd);
	}
	close(ready[1]);
	do
		n = read(ready[0], &c, 1);
	while (n < 0 && errno == EINTR);
	if (n != 1) {
		int status = 0;
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (WIFSIGNALED(status))
			say("error pid1: killed by signal %d before it was ready\n", WTERMSIG(status));
		else
			say("error pid1: exited with status %d before it was ready\n",
			    WEXITSTATUS(status));
		_exit(1);
	}
	say("pid %d\n", (int)pid);
	return 0;
}
