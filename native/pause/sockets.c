/*
 * podd-pause --join PID --ns user,net --send-sockets FD
 *
 * Hands podd TCP sockets that live in the pod's network namespace: once the
 * namespaces are joined, one IPv4 and one IPv6 stream socket are created
 * (unconnected) and sent over the unix socket FD with SCM_RIGHTS. A socket
 * keeps the namespace it was made in, so podd connects them itself, to the
 * pod's 127.0.0.1 or ::1 (port-forward reaches what listens on the pod's
 * loopback, at loopback speed). The IPv6 one is absent where the pod has no
 * IPv6. Nothing outlives this process but the sockets podd received.
 *
 * --udp: one IPv4 datagram socket instead (the cluster DNS's, bound by podd).
 *
 * --netlink: one NETLINK_ROUTE socket instead. The kernel checks a netlink
 * request against the credentials of the socket's opener, root here, so
 * podd (pyroute2) configures links in that namespace without entering it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include "modes.h"

int send_fds(int fd, const int *fds, int n) {
	char byte = 'S';
	struct iovec iov = {.iov_base = &byte, .iov_len = 1};
	union {
		char buf[CMSG_SPACE(2 * sizeof(int))];
		struct cmsghdr align;
	} ctl;
	struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
	struct cmsghdr *cmsg;

	if (n < 1 || n > 2) {
		errno = EINVAL;
		return -1;
	}
	memset(&ctl, 0, sizeof(ctl));
	msg.msg_control = ctl.buf;
	msg.msg_controllen = CMSG_SPACE(n * sizeof(int));
	cmsg = CMSG_FIRSTHDR(&msg);
	cmsg->cmsg_level = SOL_SOCKET;
	cmsg->cmsg_type = SCM_RIGHTS;
	cmsg->cmsg_len = CMSG_LEN(n * sizeof(int));
	memcpy(CMSG_DATA(cmsg), fds, n * sizeof(int));
	while (sendmsg(fd, &msg, MSG_NOSIGNAL) < 0)
		if (errno != EINTR)
			return -1;
	return 0;
}

int send_sockets(int fd, int kind) {
	int socks[2], n = 0;

	if (kind == SOCKETS_NETLINK) {
		socks[n] = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_ROUTE);
		if (socks[n++] < 0)
			die_join("socket", "netlink");
	} else if (kind == SOCKETS_UDP) {
		socks[n] = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
		if (socks[n++] < 0)
			die_join("socket", "inet dgram");
	} else {
		socks[n] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (socks[n] < 0)
			die_join("socket", "inet");
		n++;
		socks[n] = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (socks[n] >= 0)
			n++;
		else if (errno != EAFNOSUPPORT)
			die_join("socket", "inet6");
	}
	if (send_fds(fd, socks, n) < 0)
		die_join("sendmsg", "--send-sockets");
	return 0;
}
