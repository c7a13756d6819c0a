/*
 * podd-pause --userns --sync-fd N
 *
 * Only a user namespace, with the same handshake as --sandbox (sync.h); then
 * the process itself holds it as a pause. Its "pid" line names itself. podd
 * unpacks image layers inside it (podd/images/userns_holder.py).
 */
#include <unistd.h>

#include "modes.h"
#include "sync.h"

int run_userns(void) {
	const char *failed;
	unshare_user_and_wait_maps();
	if ((failed = pause_handlers()))
		die(failed);
	say("pid %d\n", (int)getpid());
	close(sync_fd);
	sync_fd = -1;
	pause_forever();
}
