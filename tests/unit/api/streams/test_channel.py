"""The channel protocols of exec/attach: negotiation, every frame type, v4
against v5 (close signal, Status JSON), the pre-v4 error text, base64, and
the resize stream as Go's json.Decoder reads it."""

from __future__ import annotations

import json

import pytest

from podd.api.streams import channel as ch

V5 = ch.PROTOCOLS["v5.channel.k8s.io"]
V4 = ch.PROTOCOLS["v4.channel.k8s.io"]
V4_B64 = ch.PROTOCOLS["v4.base64.channel.k8s.io"]
V1 = ch.PROTOCOLS["channel.k8s.io"]
B64 = ch.PROTOCOLS["base64.channel.k8s.io"]


# -- negotiation --------------------------------------------------------------


def test_the_clients_first_known_subprotocol_wins() -> None:
    assert ch.negotiate(["v5.channel.k8s.io", "v4.channel.k8s.io"]) is V5
    assert ch.negotiate(["v4.channel.k8s.io", "v5.channel.k8s.io"]) is V4
    assert ch.negotiate(["SPDY/3.1+portforward.k8s.io", "channel.k8s.io"]) is V1
    assert ch.negotiate(["base64.channel.k8s.io"]) is B64
    assert ch.negotiate(["v4.base64.channel.k8s.io"]) is V4_B64


def test_no_subprotocol_is_the_unversioned_binary_one() -> None:
    proto = ch.negotiate([])
    assert proto is not None
    assert (proto.name, proto.base64, proto.status_json, proto.close_signal) == (
        "",
        False,
        False,
        False,
    )


def test_unknown_subprotocols_are_refused() -> None:
    assert ch.negotiate(["v6.channel.k8s.io", "SPDY/3.1"]) is None


def test_only_v5_has_the_close_signal_and_v4_up_the_status_json() -> None:
    assert [p.name for p in ch.PROTOCOLS.values() if p.close_signal] == ["v5.channel.k8s.io"]
    assert {p.name for p in ch.PROTOCOLS.values() if p.status_json} == {
        "v5.channel.k8s.io",
        "v4.channel.k8s.io",
        "v4.base64.channel.k8s.io",
    }


# -- frames from the client ---------------------------------------------------


@pytest.mark.parametrize("proto", [V5, V4, V1])
def test_binary_data_frames(proto: ch.Protocol) -> None:
    assert ch.decode_frame(proto, b"\x00abc") == ch.Data(ch.STDIN, b"abc")
    assert ch.decode_frame(proto, b"\x04{}") == ch.Data(ch.RESIZE, b"{}")
    assert ch.decode_frame(proto, b"\x00") == ch.Data(ch.STDIN, b"")


@pytest.mark.parametrize("proto", [V5, V4, V1, B64])
def test_empty_frames_are_ignored(proto: ch.Protocol) -> None:
    assert ch.decode_frame(proto, b"") is None


@pytest.mark.parametrize("proto", [V5, V4, V1])
def test_frames_for_unknown_channels_are_dropped(proto: ch.Protocol) -> None:
    assert ch.decode_frame(proto, b"\x05data") is None
    assert ch.decode_frame(proto, b"\x07") is None


def test_v5_close_signal_half_closes_a_channel() -> None:
    assert ch.decode_frame(V5, bytes([255, 0])) == ch.Close(ch.STDIN)
    assert ch.decode_frame(V5, bytes([255, 4])) == ch.Close(ch.RESIZE)


@pytest.mark.parametrize("bad", [bytes([255]), bytes([255, 0, 0]), bytes([255, 9])])
def test_a_malformed_v5_close_ends_the_connection(bad: bytes) -> None:
    with pytest.raises(ch.FrameError):
        ch.decode_frame(V5, bad)


def test_v4_has_no_close_signal_255_is_an_unknown_channel() -> None:
    assert ch.decode_frame(V4, bytes([255, 0])) is None


def test_base64_frames_carry_an_ascii_channel_and_base64_data() -> None:
    assert ch.decode_frame(B64, b"0Zm9vCg==") == ch.Data(ch.STDIN, b"foo\n")
    assert ch.decode_frame(V4_B64, b"4eyJXaWR0aCI6MX0=") == ch.Data(ch.RESIZE, b'{"Width":1}')
    assert ch.decode_frame(B64, b"0not base64!") is None  # dropped, as wsstream does
    assert ch.decode_frame(B64, b"\x00Zm9v") is None  # a raw channel byte is no digit


# -- frames to the client -----------------------------------------------------


def test_binary_frames_to_the_client() -> None:
    assert ch.encode_frame(V5, ch.STDOUT, b"hi\n") == b"\x01hi\n"
    assert ch.encode_frame(V4, ch.STDERR, b"") == b"\x02"
    assert ch.encode_frame(V1, ch.ERROR, b"x") == b"\x03x"


def test_base64_frames_to_the_client_are_text() -> None:
    assert ch.encode_frame(B64, ch.STDOUT, b"\n") == "1Cg=="
    assert ch.encode_frame(V4_B64, ch.STDERR, b"") == "2"


# -- the error channel --------------------------------------------------------


def test_success_status_v4_and_v5() -> None:
    for proto in (V4, V5):
        payload = ch.status_payload(proto, ch.exit_status(0))
        assert payload is not None
        assert json.loads(payload) == {
            "apiVersion": "v1",
            "kind": "Status",
            "metadata": {},
            "status": "Success",
        }


def test_non_zero_exit_status_is_what_kubectl_parses() -> None:
    payload = ch.status_payload(V5, ch.exit_status(3))
    assert payload is not None
    status = json.loads(payload)
    assert status["status"] == "Failure"
    assert status["reason"] == "NonZeroExitCode"
    assert status["details"] == {"causes": [{"reason": "ExitCode", "message": "3"}]}
    assert status["message"] == "command terminated with non-zero exit code: exit status 3"
    assert "code" not in status  # an exit code is no HTTP error


def test_internal_error_status() -> None:
    payload = ch.status_payload(V4, ch.error_status("error executing command in container: no"))
    assert payload is not None
    status = json.loads(payload)
    assert (status["status"], status["reason"], status["code"]) == ("Failure", "InternalError", 500)
    assert status["message"] == "Internal error occurred: error executing command in container: no"


def test_before_v4_the_error_channel_carries_text_and_nothing_on_success() -> None:
    for proto in (V1, B64):
        assert ch.status_payload(proto, ch.exit_status(0)) is None
        assert ch.status_payload(proto, ch.exit_status(2)) == (
            b"command terminated with non-zero exit code: exit status 2"
        )


# -- resize -------------------------------------------------------------------


def test_resize_messages_as_kubectl_sends_them() -> None:
    d = ch.ResizeDecoder()
    assert d.feed(b'{"Width":80,"Height":24}\n') == [ch.TerminalSize(80, 24)]
    assert d.feed(b'{"Width":100,"Height":30}\n{"Width":1,"Height":2}\n') == [
        ch.TerminalSize(100, 30),
        ch.TerminalSize(1, 2),
    ]


def test_resize_keys_match_case_insensitively_and_may_be_missing() -> None:
    d = ch.ResizeDecoder()
    assert d.feed(b'{"width": 10, "HEIGHT": 5}') == [ch.TerminalSize(10, 5)]
    assert d.feed(b'{"Width": 7}') == [ch.TerminalSize(7, 0)]


def test_a_resize_value_split_across_messages() -> None:
    d = ch.ResizeDecoder()
    assert d.feed(b'{"Width":12') == []
    assert d.feed(b',"Hei') == []
    assert d.feed(b'ght":34}') == [ch.TerminalSize(12, 34)]


@pytest.mark.parametrize(
    "bad", [b"[1,2]", b'{"Width":-1}', b'{"Width":70000}', b'{"Width":"80"}', b"nope"]
)
def test_a_bad_resize_stops_the_resizes(bad: bytes) -> None:
    d = ch.ResizeDecoder()
    assert d.feed(bad + b'\n{"Width":1,"Height":1}') == []
    assert d.broken
    assert d.feed(b'{"Width":1,"Height":1}') == []
