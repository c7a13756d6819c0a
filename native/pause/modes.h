/* The modes of podd-pause; main.c reads the command line and runs one. */
#ifndef PODD_PAUSE_MODES_H
#define PODD_PAUSE_MODES_H

#define NORETURN __attribute__((noreturn))

/* pause.c: the pod's PID 1. pause_handlers returns NULL, or the failed call. */
const char *pause_handlers(void);
NORETURN void pause_forever(void);
int run_pause(void); /* returns only when it failed */

/* sandbox.c: --sandbox. cgroup_fd: -1, or the cgroup the PID 1 is born in. */
int run_sandbox(const char *hostname, int keep_fd, int cgroup_fd, const char *parent_userns);

/* userns.c: --userns [--net [--cgroup DIR] [--dns ADDR --fd-socket PATH]];
 * returns only with --net (the holder forked, the launcher done). */
int run_userns(int net, int cgroup_fd, const char *dns, const char *fd_socket);

/* keep.c: the cluster DNS's sockets, kept by the network's holder and handed
 * to whoever connects to its fd socket. */
struct kept {
	int fds[2];   /* UDP, TCP on ADDR:53 */
	int listener; /* the unix socket at --fd-socket */
};
const char *keep_dns_sockets(const char *address, const char *path, struct kept *kept);
NORETURN void serve_kept_forever(const struct kept *kept);

/* join.c: --join. JOIN_FAILED: podd-pause itself failed, not CMD. */
#define JOIN_FAILED 125
NORETURN void die_join(const char *step, const char *what);
enum { SOCKETS_TCP, SOCKETS_NETLINK, SOCKETS_UDP };
struct join_action {
	int sockets_fd;		/* --send-sockets FD, else -1 */
	int kind;		/* SOCKETS_*: --netlink, --udp */
	const char *maps_pid;	/* --write-maps PID, else NULL */
};
int run_join(const char *target, const char *list, const char *cwd, char **cmd, int cgroup_fd,
	     int detach_fd, const struct join_action *action);

/* sockets.c: --join ... --send-sockets FD [--netlink|--udp], run once the
 * namespaces are joined: TCP sockets (IPv4, IPv6), one NETLINK_ROUTE socket,
 * or one IPv4 UDP socket. */
int send_sockets(int fd, int kind);
/* n fds over the unix socket fd (SCM_RIGHTS); 0, or -1 with errno. */
int send_fds(int fd, const int *fds, int n);

/* maps.c: --join ... --write-maps PID: identity maps for a child user namespace. */
int write_maps(const char *pid);

#endif
