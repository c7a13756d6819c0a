"""The Kubernetes channel protocols of exec and attach over a WebSocket (pure).

Every message carries one channel: 0 stdin, 1 stdout, 2 stderr, 3 error (the
outcome), 4 resize (``{"Width":W,"Height":H}`` JSON values). The subprotocols
differ in three ways, as the apiserver's wsstream and the kubelet serve them:

======================== ======= ============== ====================
subprotocol              base64  error channel  stdin half-close
======================== ======= ============== ====================
(none), channel.k8s.io   no      plain text     no
base64.channel.k8s.io    yes     plain text     no
v4.channel.k8s.io        no      Status JSON    no
v4.base64.channel.k8s.io yes     Status JSON    no
v5.channel.k8s.io        no      Status JSON    ``[255, channel]``
======================== ======= ============== ====================

In the base64 flavours the channel is an ASCII digit (``'0' + n``) and the
payload is base64, sent as text. Empty messages are ignored; messages for
an unknown channel are dropped; a v5 close that is not exactly two bytes
ends the connection. The first message the server sends is an empty one on
the lowest channel it writes (stdout, else stderr, else error): the client's
sign that the streams are up.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence

import msgspec

from podd.model import status as st
from podd.model.base import encode
from podd.model.field import StatusCause

__all__ = [
    "CLOSE",
    "ERROR",
    "PROTOCOLS",
    "RESIZE",
    "STDERR",
    "STDIN",
    "STDOUT",
    "Close",
    "Data",
    "FrameError",
    "Protocol",
    "ResizeDecoder",
    "TerminalSize",
    "decode_frame",
    "encode_frame",
    "error_status",
    "exit_status",
    "negotiate",
    "status_payload",
]

STDIN, STDOUT, STDERR, ERROR, RESIZE = 0, 1, 2, 3, 4
CLOSE = 255
CHANNELS = 5
NON_ZERO_EXIT = "NonZeroExitCode"
EXIT_CODE_CAUSE = "ExitCode"


class Protocol(msgspec.Struct, frozen=True):
    name: str  # "" when the client asked for none (answered without the header)
    base64: bool = False
    status_json: bool = False  # v4+: a metav1.Status on the error channel
    close_signal: bool = False  # v5: [255, channel] half-closes a channel


PROTOCOLS: dict[str, Protocol] = {
    p.name: p
    for p in (
        Protocol("v5.channel.k8s.io", status_json=True, close_signal=True),
        Protocol("v4.channel.k8s.io", status_json=True),
        Protocol("v4.base64.channel.k8s.io", base64=True, status_json=True),
        Protocol("channel.k8s.io"),
        Protocol("base64.channel.k8s.io", base64=True),
    )
}
_UNNAMED = Protocol("")


def negotiate(offered: Sequence[str]) -> Protocol | None:
    """The first offered subprotocol podd speaks (the client's order, as Go's
    x/net/websocket handshake picks); the unversioned one when none is
    offered; None when none of the offered ones is known."""
    if not offered:
        return _UNNAMED
    for name in offered:
        if name in PROTOCOLS:
            return PROTOCOLS[name]
    return None


class FrameError(Exception):
    """A message that breaks the protocol: the connection ends."""


class Data(msgspec.Struct, frozen=True):
    channel: int
    data: bytes


class Close(msgspec.Struct, frozen=True):
    """v5: the client will send nothing more on ``channel``."""

    channel: int


def decode_frame(proto: Protocol, message: bytes) -> Data | Close | None:
    """One message from the client (a text message as its UTF-8 bytes: the
    Python client sends text frames). None: nothing to deliver (empty, an
    unknown channel, bad base64 — dropped, as the apiserver does)."""
    if not message:
        return None
    if proto.close_signal and message[0] == CLOSE:
        if len(message) != 2:
            raise FrameError(f"a close signal is 2 bytes, got {len(message)}")
        if message[1] >= CHANNELS:
            raise FrameError(f"close of unknown channel {message[1]}")
        return Close(message[1])
    channel = message[0] - ord("0") if proto.base64 else message[0]
    if not 0 <= channel < CHANNELS:
        return None
    payload = message[1:]
    if proto.base64:
        try:
            payload = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            return None
    return Data(channel, payload)


def encode_frame(proto: Protocol, channel: int, data: bytes) -> bytes | str:
    """A message to the client: bytes (a binary message) or str (text, base64)."""
    if proto.base64:
        return chr(ord("0") + channel) + base64.b64encode(data).decode("ascii")
    return bytes((channel,)) + data


def exit_status(code: int) -> st.Status:
    """The outcome of an exec: Success, or NonZeroExitCode with the code as
    the ExitCode cause (what kubectl and the Python client read)."""
    if code == 0:
        return st.Status(status="Success")
    return st.Status(
        status="Failure",
        message=f"command terminated with non-zero exit code: exit status {code}",
        reason=NON_ZERO_EXIT,
        details=st.StatusDetails(causes=[StatusCause(reason=EXIT_CODE_CAUSE, message=str(code))]),
    )


def error_status(message: str) -> st.Status:
    """An exec or attach that failed (could not start, runtime gone): 500."""
    return st.internal_error(message)


def status_payload(proto: Protocol, status: st.Status) -> bytes | None:
    """What goes on the error channel: v4/v5 the Status JSON; before v4 the
    error text only, and nothing at all on success."""
    if proto.status_json:
        return encode(status)
    if status.status == "Success":
        return None
    return (status.message or "error").encode()


class TerminalSize(msgspec.Struct, frozen=True):
    width: int
    height: int


_MAX_RESIZE_BUFFER = 4096
_U16 = 0xFFFF


class ResizeDecoder:
    """The resize channel: a stream of JSON objects (Go's json.Decoder, so
    keys match case-insensitively and values may span messages). The first
    bad value stops it, as the kubelet stops reading resizes then."""

    def __init__(self) -> None:
        self._buf = ""
        self._json = json.JSONDecoder()
        self.broken = False

    def feed(self, data: bytes) -> list[TerminalSize]:
        if self.broken:
            return []
        self._buf += data.decode("utf-8", "replace")
        sizes: list[TerminalSize] = []
        while True:
            text = self._buf.lstrip()
            if not text:
                self._buf = ""
                return sizes
            try:
                value, end = self._json.raw_decode(text)
            except json.JSONDecodeError as exc:
                # Out of input: a value still to come; anything else is bad.
                more = exc.pos >= len(text) or exc.msg.startswith("Unterminated string")
                if more and len(text) <= _MAX_RESIZE_BUFFER:
                    self._buf = text
                else:
                    self._break()
                return sizes
            self._buf = text[end:]
            size = _terminal_size(value)
            if size is None:
                self._break()
                return sizes
            sizes.append(size)

    def _break(self) -> None:
        self.broken = True
        self._buf = ""


def _terminal_size(value: object) -> TerminalSize | None:
    if not isinstance(value, dict):
        return None
    fields = {str(k).lower(): v for k, v in value.items()}
    width, height = fields.get("width", 0), fields.get("height", 0)
    for v in (width, height):
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= _U16:
            return None
    return TerminalSize(width, height)
