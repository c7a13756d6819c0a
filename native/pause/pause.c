/*
 * The pod's PID 1, the job of Kubernetes' pause and nothing more:
 * SIGINT/SIGTERM -> exit 0, SIGCHLD -> reap every child, else pause().
 *
 * `podd-pause` with no mode runs this directly; --sandbox forks the pod's
 * PID 1 into it (sandbox.c) and --userns becomes it (userns.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modes.h"

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

const char *pause_handlers(void) {
	struct sigaction sa;
	sigset_t none;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = sigdown;
	if (sigaction(SIGINT, &sa, NULL) < 0 || sigaction(SIGTERM, &sa, NULL) < 0)
		return "sigaction";
	sa.sa_handler = sigreap;
	sa.sa_flags = SA_NOCLDSTOP | SA_RESTART;
	if (sigaction(SIGCHLD, &sa, NULL) < 0)
		return "sigaction";
	/* A launcher may have blocked some; blocked, they would never arrive. */
	sigemptyset(&none);
	if (sigprocmask(SIG_SETMASK, &none, NULL) < 0)
		return "sigprocmask";
	return NULL;
}

void pause_forever(void) {
	for (;;)
		pause();
}

int run_pause(void) {
	const char *failed = pause_handlers();
	if (failed) {
		fprintf(stderr, "error %s: %s\n", failed, strerror(errno));
		return 1;
	}
	/* Printed once the handlers are in place: tests signal right after it. */
	if (getpid() != 1)
		fprintf(stderr, "podd-pause: warning: not running as PID 1\n");
	pause_forever();
}
