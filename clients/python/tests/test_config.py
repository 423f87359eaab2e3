"""Config: CRUD, compare-and-set, transactions, reads at a revision, ephemeral and
fenced writes, against the real sidecar."""

import pytest

import outrigger
from outrigger import Client, txn


def test_put_get_list_delete(client: Client, name: str) -> None:
    written = client.config.put(f"{name}/a", "1")
    assert (written.key, written.value, written.version) == (f"{name}/a", "1", 1)
    assert written.create_revision == written.mod_revision > 0

    client.config.put(f"{name}/b", "héllo wörld")  # UTF-8 values, never base64
    client.config.put(f"{name}/a", "2")
    got = client.config.get(f"{name}/a")
    assert (got.value, got.version, got.create_revision) == ("2", 2, written.create_revision)
    assert client.config.get(f"{name}/b").value == "héllo wörld"

    listing = client.config.list(f"{name}/")
    assert [(e.key, e.value) for e in listing.items] == [(f"{name}/a", "2"), (f"{name}/b", "héllo wörld")]
    assert listing.revision >= got.mod_revision

    assert client.config.delete(f"{name}/a").deleted == 1
    with pytest.raises(outrigger.NotFound):
        client.config.get(f"{name}/a")
    assert client.config.delete(f"{name}/", prefix=True).deleted == 1
    assert client.config.list(f"{name}/").items == []


@pytest.mark.parametrize(
    "suffix", ["with space:colon?query#hash%percent+plus", "a//b", "a/../b", "./x", "ключ/значение", "trailing/"]
)
def test_any_key_is_itself(client: Client, name: str, suffix: str) -> None:
    """Keys travel in the path: slashes, dots and reserved characters must not change them."""
    key = f"{name}/{suffix}"
    client.config.put(key, suffix)
    assert (client.config.get(key).key, client.config.get(key).value) == (key, suffix)
    assert [e.key for e in client.config.list(f"{name}/").items] == [key]
    assert client.config.delete(key).deleted == 1


def test_keys_at_the_edges(client: Client, name: str) -> None:
    for key in (f"/{name}", ".."):
        assert client.config.put(key, "v").key == key
        assert client.config.get(key).key == key
        assert client.config.delete(key).deleted == 1
    with pytest.raises(outrigger.InvalidArgument):
        client.config.put("", "v")


def test_list_pages_share_one_revision(client: Client, name: str) -> None:
    for i in range(5):
        client.config.put(f"{name}/{i}", str(i))
    first = client.config.list_page(f"{name}/", limit=2)
    assert len(first.items) == 2 and first.next_page_token
    client.config.put(f"{name}/9", "added after the first page")
    rest = client.config.list_page(f"{name}/", limit=10, page_token=first.next_page_token)
    assert rest.revision == first.revision
    assert [e.key for e in first.items + rest.items] == [f"{name}/{i}" for i in range(5)]
    assert len(client.config.list(f"{name}/").items) == 6


def test_read_at_a_past_revision(client: Client, name: str) -> None:
    old = client.config.put(f"{name}/k", "old")
    client.config.put(f"{name}/k", "new")
    assert client.config.get(f"{name}/k", revision=old.mod_revision).value == "old"
    assert [e.value for e in client.config.list(f"{name}/", revision=old.mod_revision).items] == ["old"]


def test_compare_and_set_conflict(client: Client, name: str) -> None:
    key = f"{name}/cas"
    created = client.config.put(key, "1", if_revision=0)
    with pytest.raises(outrigger.Conflict) as exists:
        client.config.put(key, "again", if_revision=0)
    assert isinstance(exists.value, outrigger.Aborted) and exists.value.http_status == 409

    updated = client.config.put(key, "2", if_revision=created.mod_revision)
    with pytest.raises(outrigger.Aborted) as stale:
        client.config.put(key, "3", if_revision=created.mod_revision)
    assert f"modRevision is {updated.mod_revision}" in stale.value.message
    assert client.config.get(key).value == "2"


def test_transaction_branches(client: Client, name: str) -> None:
    key = f"{name}/animal"
    client.config.put(key, "lion")
    won = client.config.txn(
        compare=[txn.compare(key, value="lion")],
        then=[txn.put(key, "tiger"), txn.get(key)],
        otherwise=[txn.get(key)],
    )
    assert won.succeeded
    assert isinstance(won.results[0], outrigger.PutResult) and won.results[0].mod_revision == won.revision
    assert isinstance(won.results[1], outrigger.GetResult) and won.results[1].items[0].value == "tiger"

    lost = client.config.txn(
        compare=[txn.compare(key, value="lion"), txn.compare(f"{name}/none", exists=False)],
        then=[txn.delete(key)],
        otherwise=[txn.get(f"{name}/", prefix=True), txn.delete(key)],
    )
    assert not lost.succeeded
    assert [e.value for e in lost.results[0].items] == ["tiger"]  # type: ignore[union-attr]
    assert isinstance(lost.results[1], outrigger.DeleteResult) and lost.results[1].deleted == 1


def test_ephemeral_key_goes_with_its_session(client: Client, name: str) -> None:
    session = client.session(ttl=10)
    entry = client.config.put(f"{name}/eph", "here", session_id=session.id)
    assert entry.session_id == session.id
    session.close()
    with pytest.raises(outrigger.NotFound):
        client.config.get(f"{name}/eph")


def test_fenced_write_needs_the_lock(client: Client, name: str) -> None:
    with client.lock(name, ttl=10, wait=5) as lock:
        assert client.config.put(f"{name}/fenced", "1", if_lock_held=lock).value == "1"
        old_token = lock.fencing_token
    with pytest.raises(outrigger.Aborted):
        client.config.put(f"{name}/fenced", "2", if_lock_held=(name, old_token))
    assert client.config.get(f"{name}/fenced").value == "1"
