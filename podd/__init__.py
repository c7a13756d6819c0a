"""podd: a rootless pod runtime served as a REST microservice."""

__version__ = "0.1.0"
