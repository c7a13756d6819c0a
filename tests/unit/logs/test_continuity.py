"""Whether a log file follows another with no file lost between (one conmon read cut once)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from podd.logs.continuity import READ_SIZE, Continuity, continuity
from podd.logs.crilog import encode_record
from podd.logs.rotate import prepare_log
from tests.unit.logs.conmon_sim import BASE_TIME, ConmonSim

T1 = BASE_TIME
T2 = BASE_TIME + timedelta(microseconds=1)


def _file(path: Path, *records: bytes) -> Path:
    path.write_bytes(b"".join(records))
    return path


def _lines(first: int, count: int) -> bytes:
    return b"".join(f"{i:07d} {'x' * 92}\n".encode() for i in range(first, first + count))


def test_a_read_cut_by_a_rotation_is_proven(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    prepare_log(log)
    conmon = ConmonSim(log, size_max=16384)
    data = _lines(0, 400)
    while conmon.rotations < 1:
        conmon.read("stdout", data[:READ_SIZE])  # full reads, as from a busy pipe
        data = data[READ_SIZE:]
    conmon.read("stdout", data[:READ_SIZE])
    conmon.close()
    assert continuity(tmp_path / "0.log.1", tmp_path / "0.log.3") is Continuity.PROVEN


def test_partial_and_full_records_count_what_the_container_wrote(tmp_path: Path) -> None:
    half = READ_SIZE // 2
    older = _file(tmp_path / "a", encode_record("stdout", b"a" * half, partial=True, when=T1))
    exact = _file(tmp_path / "b", encode_record("stdout", b"b" * (half - 1), when=T1))
    assert continuity(older, exact) is Continuity.PROVEN  # F: its newline is the last byte
    more = _file(tmp_path / "c", encode_record("stdout", b"c" * half, when=T1))
    assert continuity(older, more) is Continuity.UNKNOWN  # more than one read of conmon


def test_a_different_read_or_stream_is_not_proven(tmp_path: Path) -> None:
    older = _file(tmp_path / "a", encode_record("stdout", b"a" * 100, when=T1))
    later = _file(
        tmp_path / "b", encode_record("stdout", b"b" * 100, when=T2), b"one more record\n"
    )
    assert continuity(older, later) is Continuity.UNKNOWN
    other = _file(
        tmp_path / "c", encode_record("stderr", b"b" * 100, when=T1), b"one more record\n"
    )
    assert continuity(older, other) is Continuity.UNKNOWN
    assert continuity(_file(tmp_path / "d", b"not a record\n"), later) is Continuity.UNKNOWN


def test_a_newer_file_still_being_written_is_pending(tmp_path: Path) -> None:
    older = _file(tmp_path / "a", encode_record("stdout", b"a" * 100, when=T1))
    assert continuity(older, _file(tmp_path / "b")) is Continuity.PENDING  # empty
    same_read = encode_record("stdout", b"b" * 100, when=T1)
    assert continuity(older, _file(tmp_path / "c", same_read)) is Continuity.PENDING
    half_record = same_read[:50]
    assert continuity(older, _file(tmp_path / "d", half_record)) is Continuity.PENDING
    # a record of a later read ends the run: the read was short, nothing proves the cut
    closed = _file(tmp_path / "e", same_read, encode_record("stdout", b"c", when=T2))
    assert continuity(older, closed) is Continuity.UNKNOWN
