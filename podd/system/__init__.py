"""podd as a systemd user service: the unit files ``podd system install``
writes (:mod:`.units`, pure), writing and removing them (:mod:`.install`),
``systemctl --user`` for uninstall (:mod:`.manager`), and what ``podd serve``
does for systemd: readiness over sd_notify (:mod:`.notify`) and a socket
handed over by socket activation (:mod:`.activation`)."""
