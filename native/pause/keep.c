/*
 * podd-pause --userns --sync-fd N --net --dns ADDR --fd-socket PATH
 *
 * The cluster DNS's sockets outlive podd. The pod network's launcher makes an
 * IPv4 UDP socket and a listening TCP socket on ADDR:53 in the new network
 * namespace (IP_FREEBIND: podd puts ADDR on the bridge later) and a unix
 * socket listening at PATH; the holder inherits all three and, instead of
 * pause(), answers every connection on PATH with the two DNS sockets
 * (SCM_RIGHTS). podd fetches them at each start, so while it restarts a
 * query waits in the socket's queue rather than meeting a closed port
 * (ICMP port unreachable: the pod's resolver would fail at once).
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "modes.h"

#define DNS_PORT 53

static int dns_socket(const struct sockaddr_in *addr, int type) {
	int one = 1, fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	if (setsockopt(fd, IPPROTO_IP, IP_FREEBIND, &one, sizeof(one)) < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (const struct sockaddr *)addr, sizeof(*addr)) < 0 ||
	    (type == SOCK_STREAM && listen(fd, 128) < 0)) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

const char *keep_dns_sockets(const char *address, const char *path, struct kept *kept) {
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(DNS_PORT)};
	struct sockaddr_un un = {.sun_family = AF_UNIX};
	if (inet_pton(AF_INET, address, &addr.sin_addr) != 1) {
		errno = EINVAL;
		return "parse --dns";
	}
	if ((kept->fds[0] = dns_socket(&addr, SOCK_DGRAM)) < 0)
		return "dns udp socket";
	if ((kept->fds[1] = dns_socket(&addr, SOCK_STREAM)) < 0)
		return "dns tcp socket";
	if (strlen(path) >= sizeof(un.sun_path)) {
		errno = ENAMETOOLONG;
		return "--fd-socket";
	}
	strcpy(un.sun_path, path);
	kept->listener = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (kept->listener < 0)
		return "fd socket";
	umask(077); /* only podd's user may fetch the sockets */
	if (bind(kept->listener, (struct sockaddr *)&un, sizeof(un)) < 0)
		return "bind --fd-socket";
	if (listen(kept->listener, 16) < 0)
		return "listen --fd-socket";
	return NULL;
}

void serve_kept_forever(const struct kept *kept) {
	for (;;) {
		int conn = accept4(kept->listener, NULL, NULL, SOCK_CLOEXEC);
		if (conn < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			pause_forever(); /* still holding what it holds */
		}
		send_fds(conn, kept->fds, 2); /* a client gone meanwhile: its loss */
		close(conn);
	}
}
