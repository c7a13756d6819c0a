"""Cluster DNS (issue 13): ``cluster.local`` answered as CoreDNS's
kubernetes plugin answers it, everything else forwarded upstream, served by
podd on its event loop on sockets made inside the pod network.

* :mod:`podd.dns.cluster` — :class:`ClusterDNS`, the piece the service wires:
  ``ClusterDNS(store, DNSConfig(dns_ip=..., upstreams=host_upstreams(...)))``,
  ``await start(udp=[...], tcp=[...])``, ``await stop()``.
* :mod:`podd.dns.records` — the pure resolver (a snapshot in, replies out);
  :mod:`podd.dns.snapshot` its data, :mod:`podd.dns.names` name parsing.
* :mod:`podd.dns.views`, :mod:`podd.dns.source` — the snapshot from the store.
* :mod:`podd.dns.server`, :mod:`podd.dns.upstream`, :mod:`podd.dns.cache` — UDP
  and TCP serving, forwarding, kept upstream answers.

Pods' resolv.conf: :func:`podd.sandbox.etcfiles.render_etc_files` with
``cluster_dns=`` the same address.
"""
