/*
 * orphan: a test helper that leaves a zombie for the pod's PID 1 to reap.
 *
 * It forks a child and prints "orphan <child-pid> <child-proc-pid>\n": the
 * child's pid in orphan's PID namespace, then as /proc/self names it (in a
 * pod whose /proc is still the host's, that is the host pid, which a test
 * can watch). Then it exits. The child waits for that exit (EOF on a pipe)
 * and exits too, so it dies as a child of whoever adopted it: inside a pod,
 * the pause (PID 1). If the pause did not reap, a zombie whose parent is the
 * pause would remain.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
	int hold[2], info[2];
	char buf[32], c;
	ssize_t n;
	pid_t child;

	if (pipe(hold) < 0 || pipe(info) < 0) {
		perror("orphan: pipe");
		return 1;
	}
	child = fork();
	if (child < 0) {
		perror("orphan: fork");
		return 1;
	}
	if (child == 0) {
		close(hold[1]);
		close(info[0]);
		n = readlink("/proc/self", buf, sizeof(buf) - 1);
		if (n < 0)
			n = 0;
		buf[n] = '\n';
		if (write(info[1], buf, (size_t)n + 1) < 0)
			_exit(1);
		close(info[1]);
		close(1); /* do not hold the caller's stdout open */
		close(2);
		while (read(hold[0], &c, 1) < 0 && errno == EINTR)
			;
		_exit(0);
	}
	close(hold[0]);
	close(info[1]);
	do
		n = read(info[0], buf, sizeof(buf));
	while (n < 0 && errno == EINTR);
	if (n <= 0) {
		fprintf(stderr, "orphan: no report from the child\n");
		return 1;
	}
	printf("orphan %d %.*s", (int)child, (int)n, buf);
	fflush(stdout);
	return 0; /* hold[1] closes here: the child exits once it has a new parent */
}
