/*
 * podd-pause --join NETHOLDER --ns user --write-maps PID
 *
 * Writes the id maps of PID's user namespace, a child of the joined one
 * (a pod sandbox started with --parent-userns): the identity of every range
 * the joined namespace has, so a pod's ids land on the same host ids as
 * without the pod network. Root of the parent may write several ranges
 * itself, so pods need no newuidmap/newgidmap (two setuid programs) each.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "modes.h"
#include "util.h"

/* "inside outside count" lines of ours → "inside inside count" lines. */
static int identity(const char *ours, char *out, size_t size) {
	char buf[4096];
	unsigned long inside, outside, count;
	size_t used = 0;
	ssize_t n;
	int fd = open(ours, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (sscanf(line, "%lu %lu %lu", &inside, &outside, &count) != 3)
			continue;
		int w = snprintf(out + used, size - used, "%lu %lu %lu\n", inside, inside, count);
		if (w < 0 || (size_t)w >= size - used) {
			errno = E2BIG;
			return -1;
		}
		used += (size_t)w;
	}
	return (int)used;
}

static void write_map(const char *pid, const char *kind) {
	char ours[64], theirs[64], map[4096];
	int len, fd;
	snprintf(ours, sizeof(ours), "/proc/self/%s", kind);
	snprintf(theirs, sizeof(theirs), "/proc/%s/%s", pid, kind);
	if ((len = identity(ours, map, sizeof(map))) <= 0)
		die_join("read", ours);
	if ((fd = open(theirs, O_WRONLY | O_CLOEXEC)) < 0)
		die_join("open", theirs);
	if (write_all(fd, map, (size_t)len) < 0)
		die_join("write", theirs);
	close(fd);
}

int write_maps(const char *pid) {
	write_map(pid, "uid_map");
	write_map(pid, "gid_map");
	return 0;
}
