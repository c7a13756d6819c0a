/* The sync protocol with podd: see sync.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sync.h"
#include "util.h"

int sync_fd = -1;

void say(const char *fmt, ...) {
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

void die(const char *step) {
	say("error %s: %s\n", step, strerror(errno));
	_exit(1);
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

void unshare_user_and_wait_maps(void) {
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
