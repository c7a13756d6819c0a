from typing import Literal

PortForwardProtocol = Literal["TCP", "UDP"]

PORT_FORWARD_PROTOCOL_VALUES: set[PortForwardProtocol] = {
    "TCP",
    "UDP",
}


def check_port_forward_protocol(value: str) -> PortForwardProtocol:
    if value in PORT_FORWARD_PROTOCOL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PORT_FORWARD_PROTOCOL_VALUES!r}")
