/* Small helpers shared by the modes. */
#ifndef PODD_PAUSE_UTIL_H
#define PODD_PAUSE_UTIL_H

#include <stddef.h>
#include <sys/types.h>

/* write() all of buf, retrying on EINTR; 0, or -1. */
int write_all(int fd, const char *buf, size_t len);
/* uid/gid 0 in the user namespace just entered; 0, or -1 (errno). */
int become_root(void);
/* fork(), with the child created directly in the cgroup cgroup_fd (-1: none). */
pid_t fork_into(int cgroup_fd);

/* Brings the loopback of the current network namespace up; 0, or -1. */
int lo_up(void);
/* Joins /proc/PID/ns/user and becomes root there; 0, or -1 (errno). */
int enter_userns(const char *pid);

#endif
