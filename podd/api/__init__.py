"""The HTTP API: Kubernetes-shaped resources and podd's own endpoints."""
