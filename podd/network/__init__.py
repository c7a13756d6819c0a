"""podd's pod network: one network namespace per podd with a bridge, every
pod a veth into it and an IP of its own, slirp4netns as the single way out.

``config`` the addresses (pure), ``ipam`` who holds which IP, ``nft`` the
rules (NAT), ``links`` the netlink work (pyroute2 on sockets made inside the
namespaces), ``holder`` the namespace's lifetime (start, adopt, stop).
"""
