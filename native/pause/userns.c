/*
 * podd-pause --userns --sync-fd N [--net]
 *
 * Only a user namespace, with the same handshake as --sandbox (sync.h); then
 * the process itself holds it as a pause. Its "pid" line names itself. podd
 * unpacks image layers inside it (podd/images/userns_holder.py).
 *
 * --net [--cgroup DIR]: also a network namespace owned by it, with lo up and IPv4
 * forwarding on: podd's pod network (podd/network/). Links made later answer
 * ARP for addresses routed through another link (proxy_arp by default), so
 * slirp4netns on tap0 reaches pods' addresses for host ports. Pods' user namespaces
 * are made its children (--sandbox --parent-userns), so its root can write
 * their maps and move a veth end into their network namespaces.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <unistd.h>

#include "modes.h"
#include "sync.h"
#include "util.h"

static int write_sysctl(const char *path, const char *value) {
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	int ret;
	if (fd < 0)
		return -1;
	ret = write_all(fd, value, strlen(value));
	close(fd);
	return ret;
}

/* --net: the holder is a child born in cgroup_fd (when given), reported by
 * the launcher, which then exits: no moment in podd's own cgroup. */
static int fork_holder(int cgroup_fd, const struct kept *kept) {
	const char *failed;
	pid_t pid = fork_into(cgroup_fd);
	if (pid < 0)
		die("fork into cgroup");
	if (pid > 0) {
		say("pid %d\n", (int)pid);
		return 0;
	}
	if (setsid() < 0)
		die("setsid");
	if ((failed = pause_handlers()))
		die(failed);
	close(sync_fd);
	sync_fd = -1;
	if (kept)
		serve_kept_forever(kept);
	pause_forever();
}

int run_userns(int net, int cgroup_fd, const char *dns, const char *fd_socket) {
	struct kept kept;
	const char *failed;
	unshare_user_and_wait_maps();
	if (net) {
		if (unshare(CLONE_NEWNET) < 0)
			die("unshare net");
		if (lo_up() < 0)
			die("bring lo up");
		if (write_sysctl("/proc/sys/net/ipv4/ip_forward", "1") < 0)
			die("enable ip_forward");
		if (write_sysctl("/proc/sys/net/ipv4/conf/default/proxy_arp", "1") < 0)
			die("enable proxy_arp");
		/* podd binds the cluster DNS's port 53 on sockets made here */
		if (write_sysctl("/proc/sys/net/ipv4/ip_unprivileged_port_start", "0") < 0)
			die("set ip_unprivileged_port_start");
		if (dns && (failed = keep_dns_sockets(dns, fd_socket, &kept)))
			die(failed);
		return fork_holder(cgroup_fd, dns ? &kept : NULL);
	}
	if ((failed = pause_handlers()))
		die(failed);
	say("pid %d\n", (int)getpid());
	close(sync_fd);
	sync_fd = -1;
	pause_forever();
}
