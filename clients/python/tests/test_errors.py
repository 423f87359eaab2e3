"""Every typed error: the ones a real sidecar can be made to answer, end to end, and
the mapping of every code of docs/api.md's table."""

import socket
from typing import Callable

import pytest

import outrigger
from outrigger import Client
from outrigger.errors import error_from_envelope

from sidecar import Sidecar, free_port


def test_not_found_carries_the_message(client: Client, name: str) -> None:
    with pytest.raises(outrigger.NotFound) as err:
        client.config.get(f"{name}/missing")
    assert err.value.code == 5 and err.value.http_status == 404
    assert f'"{name}/missing"' in err.value.message and "not found" in err.value.message


def test_invalid_argument_names_the_field(client: Client) -> None:
    with pytest.raises(outrigger.InvalidArgument) as err:
        client.sessions.create(ttl=1)
    assert "ttlSeconds" in err.value.message and err.value.http_status == 400


def test_failed_precondition_for_a_non_leader(client: Client, name: str) -> None:
    with client.session(ttl=10) as session:
        with pytest.raises(outrigger.FailedPrecondition) as err:
            client.election(name, session=session).proclaim("me")
    assert isinstance(err.value, outrigger.Conflict) and err.value.http_status == 409


def test_out_of_range_for_a_compacted_revision(client: Client, sidecar: Sidecar, name: str) -> None:
    old = client.config.put(f"{name}/k", "1")
    now = client.config.put(f"{name}/k", "2")
    sidecar.compact(now.mod_revision)
    with pytest.raises(outrigger.Compacted) as err:
        client.config.get(f"{name}/k", revision=old.mod_revision)
    assert isinstance(err.value, outrigger.OutOfRange) and err.value.http_status == 410
    assert str(now.mod_revision) in err.value.message


def test_unavailable_when_nothing_listens(make_client: Callable[..., Client]) -> None:
    client = make_client(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(outrigger.Unavailable) as err:
        client.config.put("k", "v")
    assert isinstance(err.value, outrigger.ConnectFailed)
    assert not err.value.maybe_applied  # nothing was sent


def test_timeout_of_a_write_is_ambiguous_and_not_retried(make_client: Callable[..., Client], name: str) -> None:
    """A write whose answer does not come in time raises Timeout flagged maybe_applied.

    A silent listener stands in for a hung sidecar: it accepts and never answers, and
    it counts connections, so a retry would show.
    """
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        silent = make_client(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.5)
        with pytest.raises(outrigger.DeadlineExceeded) as err:
            silent.config.put(f"{name}/k", "v")
        assert isinstance(err.value, outrigger.Timeout) and err.value.maybe_applied
        listener.settimeout(0.5)
        first, _ = listener.accept()
        with pytest.raises(socket.timeout):
            listener.accept()  # no second attempt
        first.close()


@pytest.mark.parametrize(
    "code,status,cls",
    [
        (1, 499, outrigger.Cancelled),
        (2, 500, outrigger.Unknown),
        (3, 400, outrigger.InvalidArgument),
        (4, 504, outrigger.DeadlineExceeded),
        (5, 404, outrigger.NotFound),
        (6, 409, outrigger.AlreadyExists),
        (7, 403, outrigger.PermissionDenied),
        (8, 429, outrigger.ResourceExhausted),
        (9, 409, outrigger.FailedPrecondition),
        (10, 409, outrigger.Aborted),
        (11, 410, outrigger.OutOfRange),
        (12, 501, outrigger.Unimplemented),
        (13, 500, outrigger.Internal),
        (14, 503, outrigger.Unavailable),
        (15, 500, outrigger.DataLoss),
        (16, 401, outrigger.Unauthenticated),
    ],
)
def test_every_code_maps_to_its_type(code: int, status: int, cls: type) -> None:
    err = error_from_envelope({"code": code, "message": "the server's words", "details": []}, status, write=True)
    assert type(err) is cls and err.code == code and err.message == "the server's words"
    assert err.maybe_applied == (code in (4, 14))  # only these leave a write's outcome unknown


def test_status_alone_maps_when_the_body_is_no_envelope() -> None:
    assert isinstance(error_from_envelope(None, 503), outrigger.Unavailable)
    assert isinstance(error_from_envelope("oops", 409), outrigger.Conflict)
    assert isinstance(error_from_envelope({}, 502), outrigger.Internal)
