"""The pod controller (the kubelet's job): one worker per pod; each sync is a
pure plan (``plan``) followed by its execution (``worker``)."""
