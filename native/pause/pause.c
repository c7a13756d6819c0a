/*
 * podd-pause: the pod sandbox's PID 1, its launcher, and a tiny nsenter.
 *
 * This is the one program in podd that creates namespaces (Python never does:
 * see DESIGN.md section 2). Modes:
 *
 *   podd-pause                      Kubernetes pause: SIGINT/SIGTERM -> exit 0,
 *                                   SIGCHLD -> reap every child, else pause().
 *   podd-pause -v                   print the version.
 *   podd-pause --sandbox --sync-fd N [--hostname H] [--keep-fd K] [--cgroup DIR]
 *                                   build a pod sandbox (protocol below).
 *   podd-pause --userns --sync-fd N only a user namespace (same handshake), then
 *                                   hold it: the process itself stays as a pause.
 *   podd-pause --join PID --ns user,mnt,net,ipc,uts,pid,cgroup [--cwd DIR]
 *              [--cgroup DIR] [--detach FD] -- CMD ARGS...
 *                                   enter PID's namespaces (user first), become
 *                                   uid/gid 0 there, exec CMD. CMD runs in a
 *                                   child when the PID namespace is joined, or
 *                                   with --cgroup/--detach. Exit status: CMD's,
 *                                   or 125 when podd-pause itself failed. With
 *                                   --detach FD: write "pid <child>\n" on FD and
 *                                   exit 0 at once (the child is adopted by the
 *                                   nearest subreaper).
 *
 * Sync protocol (--sandbox and --userns). N is a bidirectional fd (podd passes
 * one end of a socketpair). Every message is one text line ending in '\n':
 *
 *   pause -> podd   "userns <pid>"   the user namespace exists; <pid> is the
 *                                    process whose /proc/<pid>/uid_map podd must
 *                                    write (newuidmap/newgidmap), and which podd
 *                                    may move into the pod's cgroup now, before
 *                                    the cgroup namespace is created.
 *   podd  -> pause  "mapped"         maps are written; carry on. Anything else,
 *                                    or EOF, aborts (exit 1).
 *   pause -> podd   "pid <pid>"      done: <pid> (in podd's PID namespace) is the
 *                                    pod's PID 1 (--sandbox, sent only after it
 *                                    installed its signal handlers) or the holder
 *                                    itself (--userns). The launcher then exits 0.
 *   pause -> podd   "error <step>: <strerror>"
 *                                    <step> failed; the process exits 1. podd
 *                                    stops reading at the first error line.
 *
 * --keep-fd K: the pod's PID 1 keeps fd K open for its whole life (every other
 * inherited fd is closed). podd passes the write end of slirp4netns's exit
 * pipe there, so slirp4netns exits by itself when the pod's PID 1 dies.
 *
 * --cgroup DIR: the pod's PID 1 (or the --join child) is created directly in
 * the cgroup v2 directory DIR with clone3(CLONE_INTO_CGROUP); PID 1 then
 * unshares its cgroup namespace, rooted there. Moving a process later costs
 * an RCU grace period (5-20 ms); creating it in place costs nothing. Kernels
 * without clone3 or CLONE_INTO_CGROUP fork and write cgroup.procs instead.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define VERSION "0.1.0"
#define JOIN_FAILED 125
#ifndef CLONE_INTO_CGROUP
#define CLONE_INTO_CGROUP 0x200000000ULL
#endif

/* struct clone_args up to its "cgroup" field (CLONE_ARGS_SIZE_VER2). */
struct clone3_args {
	uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
};

static int sync_fd = -1;
static pid_t join_child = -1;

static void sigdown(int signo) {
	(void)signo;
	_exit(0);
}

static void sigreap(int signo) {
	int saved = errno;
	(void)signo;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static void sigforward(int signo) {
	if (join_child > 0)
		kill(join_child, signo);
}

static int write_all(int fd, const char *buf, size_t len) {
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One protocol line on the sync fd (or stderr when there is none). */
static void say(const char *fmt, ...) {
	char buf[512];
	va_list ap;
	int n;
	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = sizeof(buf) - 1;
	write_all(sync_fd >= 0 ? sync_fd : 2, buf, (size_t)n);
}

static void die(const char *step) {
	say("error %s: %s\n", step, strerror(errno));
	_exit(1);
}

static void die_join(const char *step, const char *what) {
	fprintf(stderr, "podd-pause: %s %s: %s\n", step, what ? what : "", strerror(errno));
	_exit(JOIN_FAILED);
}

/* Reads one line (without '\n') into buf; returns its length, -1 on EOF/error. */
static int read_line(int fd, char *buf, size_t size) {
	size_t len = 0;
	while (len + 1 < size) {
		char c;
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		if (c == '\n')
			break;
		buf[len++] = c;
	}
	buf[len] = '\0';
	return (int)len;
}

static void install_handlers(void) {
	struct sigaction sa;
	sigset_t none;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = sigdown;
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0)
		die("sigaction");
	sa.sa_handler = sigreap;
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	if (sigaction(SIGCHLD, &sa, NULL) < 0)
		die("sigaction");
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0)
		die("sigprocmask");
}

static void pause_forever(void) {
	for (;;)
		pause();
}

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

/* setgroups fails with EPERM when podd wrote the maps itself (setgroups=deny). */
static int become_root(void) {
	if (setgroups(0, NULL) < 0 && errno != EPERM)
		return -1;
	if (setresgid(0, 0, 0) < 0 || setresuid(0, 0, 0) < 0)
		return -1;
	return 0;
}

static void unshare_user_and_wait_maps(void) {
	char line[64];
	if (unshare(CLONE_NEWUSER) < 0)
		die("unshare user");
	say("userns %d\n", (int)getpid());
	if (read_line(sync_fd, line, sizeof(line)) < 0) {
		errno = EPIPE;
		die("wait mapped");
	}
	if (strcmp(line, "mapped") != 0) {
		errno = ECANCELED;
		die("wait mapped");
	}
	if (become_root() < 0)
		die("become root");
}

static int lo_up(void) {
	struct ifreq ifr;
	int ret = -1;
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	strncpy(ifr.ifr_name, "lo", IFNAMSIZ - 1);
	if (ioctl(s, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ret = ioctl(s, SIOCSIFFLAGS, &ifr);
	}
	close(s);
	return ret;
}

/* fork(), with the child created directly in the cgroup cgroup_fd (-1: none). */
static pid_t fork_into(int cgroup_fd) {
	struct clone3_args args;
	long pid;
	int fd;

	if (cgroup_fd < 0)
		return fork();
	memset(&args, 0, sizeof(args));
	args.flags = CLONE_INTO_CGROUP;
	args.exit_signal = SIGCHLD;
	args.cgroup = (uint64_t)cgroup_fd;
	pid = syscall(SYS_clone3, &args, sizeof(args));
	if (pid >= 0 || (errno != ENOSYS && errno != E2BIG && errno != EINVAL))
		return (pid_t)pid;
	pid = fork(); /* old kernel: move the child afterwards */
	if (pid == 0) {
		fd = openat(cgroup_fd, "cgroup.procs", O_WRONLY | O_CLOEXEC);
		if (fd < 0 || write_all(fd, "0", 1) < 0)
			return -1;
		close(fd);
	}
	return (pid_t)pid;
}

/* The pod's PID 1: detach, install handlers, then tell the launcher. */
static void pod_init(int ready_fd, int keep_fd) {
	if (unshare(CLONE_NEWCGROUP) < 0)
		die("unshare cgroup");
	if (setsid() < 0)
		die("setsid");
	stdio_to_devnull();
	install_handlers();
	if (write_all(ready_fd, "r", 1) < 0)
		die("report ready");
	close(ready_fd);
	sync_fd = -1;
	close_fds_except(keep_fd);
	pause_forever();
}

static int run_sandbox(const char *hostname, int keep_fd, int cgroup_fd) {
	int flags = CLONE_NEWNET | CLONE_NEWIPC | CLONE_NEWUTS | CLONE_NEWNS | CLONE_NEWPID;
	int ready[2];
	pid_t pid;
	char c;
	ssize_t n;

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

static int run_userns(void) {
	unshare_user_and_wait_maps();
	install_handlers();
	say("pid %d\n", (int)getpid());
	close(sync_fd);
	sync_fd = -1;
	pause_forever();
	return 0;
}

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

static void exec_cmd(char **cmd) {
	execvp(cmd[0], cmd);
	fprintf(stderr, "podd-pause: exec %s: %s\n", cmd[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static int run_join(const char *target, const char *list, const char *cwd, char **cmd,
		    int cgroup_fd, int detach_fd) {
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

static int usage(void) {
	fprintf(stderr, "usage: podd-pause [-v]\n"
			"       podd-pause --sandbox --sync-fd N [--hostname H] [--keep-fd K]"
			" [--cgroup DIR]\n"
			"       podd-pause --userns --sync-fd N\n"
			"       podd-pause --join PID --ns LIST [--cwd DIR] [--cgroup DIR]"
			" [--detach FD] -- CMD [ARG]...\n");
	return 2;
}

static int parse_fd(const char *s) {
	char *end;
	long v = strtol(s, &end, 10);
	return (*s && !*end && v >= 0 && v < INT_MAX) ? (int)v : -1;
}

int main(int argc, char **argv) {
	const char *hostname = NULL, *join = NULL, *ns = NULL, *cwd = NULL, *cgroup = NULL;
	int sandbox = 0, userns = 0, keep_fd = -1, detach_fd = -1, cgroup_fd = -1, i;
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
		if (!ns || !cmd || !*cmd || parse_fd(join) <= 0)
			return usage();
		return run_join(join, ns, cwd, cmd, cgroup_fd, detach_fd);
	}
	if (sandbox || userns) {
		if (sandbox == userns || sync_fd < 0 || fcntl(sync_fd, F_GETFD) < 0)
			return usage();
		fcntl(sync_fd, F_SETFD, FD_CLOEXEC);
		return sandbox ? run_sandbox(hostname, keep_fd, cgroup_fd) : run_userns();
	}
	install_handlers();
	if (getpid() != 1)
		fprintf(stderr, "podd-pause: warning: not running as PID 1\n");
	pause_forever();
	return 0;
}
