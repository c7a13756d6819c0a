/* The modes of podd-pause; main.c reads the command line and runs one. */
#ifndef PODD_PAUSE_MODES_H
#define PODD_PAUSE_MODES_H

#define NORETURN __attribute__((noreturn))

/* pause.c: the pod's PID 1. pause_handlers returns NULL, or the failed call. */
const char *pause_handlers(void);
NORETURN void pause_forever(void);
int run_pause(void); /* returns only when it failed */

/* sandbox.c: --sandbox. cgroup_fd: -1, or the cgroup the PID 1 is born in. */
int run_sandbox(const char *hostname, int keep_fd, int cgroup_fd);

/* userns.c: --userns. */
NORETURN int run_userns(void);

/* join.c: --join. JOIN_FAILED: podd-pause itself failed, not CMD. */
#define JOIN_FAILED 125
NORETURN void die_join(const char *step, const char *what);
int run_join(const char *target, const char *list, const char *cwd, char **cmd, int cgroup_fd,
	     int detach_fd, int sockets_fd);

/* sockets.c: --join ... --send-sockets FD, run once the namespaces are joined. */
int send_sockets(int fd);

#endif
