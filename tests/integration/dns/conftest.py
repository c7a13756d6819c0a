"""The unit tests' real upstream resolver (dnspython on 127.0.0.1), shared."""

from tests.unit.dns import conftest as dns_fixtures

upstream = dns_fixtures.upstream
