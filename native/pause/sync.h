/*
 * The sync protocol between podd and podd-pause (--sandbox and --userns).
 * N (--sync-fd N) is a bidirectional fd (podd passes one end of a
 * socketpair). Every message is one text line ending in '\n':
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
 * podd's side: podd/sandbox/pause.py.
 */
#ifndef PODD_PAUSE_SYNC_H
#define PODD_PAUSE_SYNC_H

#include "modes.h"

/* N, or -1 once the handshake is over (say() then writes to stderr). */
extern int sync_fd;

/* One protocol line on the sync fd. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "error <step>: <strerror(errno)>", then exit 1. */
NORETURN void die(const char *step);
/* unshare(CLONE_NEWUSER), "userns <pid>", wait for "mapped", become root. */
void unshare_user_and_wait_maps(void);

#endif
