"""The asyncio client, against the real sidecar: the same behaviours as the blocking one."""

import asyncio
import socket
from typing import Any, Awaitable, List, Optional, Tuple

import pytest

import outrigger
from outrigger import ConfigEvent, ConfigResync, txn
from outrigger.aio import Client

from conftest import DEADLINE
from sidecar import Sidecar, free_port


def run(coro: Awaitable[Any]) -> Any:
    """Runs a test coroutine to its end, failing it after a deadline."""

    async def bounded() -> Any:
        return await asyncio.wait_for(coro, DEADLINE * 2)

    return asyncio.run(bounded())


async def next_item(watch: Any) -> Any:
    return await asyncio.wait_for(watch.__anext__(), DEADLINE)


def test_crud_cas_and_txn(sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        async with Client(sidecar.endpoint) as client:
            first = await client.config.put(f"{name}/a", "1", if_revision=0)
            with pytest.raises(outrigger.Aborted) as err:
                await client.config.put(f"{name}/a", "x", if_revision=0)
            assert "modRevision" in err.value.message
            await client.config.put(f"{name}/a", "2", if_revision=first.mod_revision)
            assert (await client.config.get(f"{name}/a")).value == "2"
            assert (await client.config.get(f"{name}/a", revision=first.mod_revision)).value == "1"
            result = await client.config.txn(
                compare=[txn.compare(f"{name}/a", value="2")], then=[txn.put(f"{name}/b", "3")]
            )
            assert result.succeeded
            assert [e.key for e in (await client.config.list(f"{name}/")).items] == [f"{name}/a", f"{name}/b"]
            assert (await client.config.delete(f"{name}/", prefix=True)).deleted == 2
            with pytest.raises(outrigger.NotFound):
                await client.config.get(f"{name}/a")
            # Many calls at once share the pool and all answer.
            values = await asyncio.gather(*(client.config.put(f"{name}/p{i}", str(i)) for i in range(20)))
            assert sorted(int(v.value) for v in values) == list(range(20))

    run(scenario())


def test_watch_resumes_across_a_restart_and_resyncs(own_sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        client = Client(own_sidecar.endpoint)
        first = await client.config.put(f"{name}/k", "v0")
        watch = await client.config.watch(f"{name}/", idle_timeout=5)
        await client.config.put(f"{name}/k", "v1")
        assert (await next_item(watch)).value == "v1"

        await asyncio.get_running_loop().run_in_executor(None, own_sidecar.restart)
        await client.config.put(f"{name}/k", "v2")
        await client.config.put(f"{name}/end", "sentinel")
        got = [await next_item(watch), await next_item(watch)]
        assert [(e.key, e.value) for e in got] == [(f"{name}/k", "v2"), (f"{name}/end", "sentinel")]
        watch.close()

        own_sidecar.compact(got[-1].revision)
        async with await client.config.watch(f"{name}/", start_revision=first.mod_revision) as old:
            resync = await next_item(old)
            assert isinstance(resync, ConfigResync)
            assert sorted((e.key, e.value) for e in resync.items) == [(f"{name}/end", "sentinel"), (f"{name}/k", "v2")]
            await client.config.put(f"{name}/k", "v3")
            event = await next_item(old)
            assert isinstance(event, ConfigEvent) and event.value == "v3"
        await client.close()

    run(scenario())


def test_lock_exclusion_between_tasks(sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        client = Client(sidecar.endpoint)
        inside: List[int] = []
        grants: List[Tuple[int, int]] = []

        async def worker(index: int) -> None:
            async with client.lock(name, ttl=10, wait=DEADLINE) as lock:
                inside.append(index)
                assert len(inside) == 1, f"two holders: {inside}"
                grants.append((len(grants), lock.fencing_token or 0))
                await asyncio.sleep(0.05)
                inside.remove(index)

        await asyncio.gather(*(worker(i) for i in range(5)))
        tokens = [token for _, token in grants]
        assert len(tokens) == 5 and tokens == sorted(set(tokens))

        async with client.lock(name, ttl=10, wait=1):
            with pytest.raises(outrigger.LockNotAcquired):
                async with client.lock(name, ttl=10, wait=0.3):
                    pytest.fail("the block ran without the lock")
            assert await client.try_lock(name) is None
        await client.close()

    run(scenario())


def test_lock_lost_and_election_handover(sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        client = Client(sidecar.endpoint)
        lost_calls: List[Any] = []

        async def on_lost(lock: Any) -> None:
            lost_calls.append(lock)

        async with client.lock(name, ttl=3, wait=1, on_lost=on_lost) as lock:
            await client.sessions.delete(lock.session_id)  # type: ignore[arg-type]
            await asyncio.wait_for(lock.lost.wait(), DEADLINE)
            assert lost_calls == [lock] and not lock.held

        first, second = client.election(name, ttl=10), client.election(name, ttl=10)
        assert await first.campaign("alpha", wait=1)
        observer = await first.observe()
        leader: Optional[outrigger.Leader] = await next_item(observer)
        assert leader is not None and leader.value == "alpha"
        waiting = asyncio.ensure_future(second.campaign("beta", wait=DEADLINE))
        await asyncio.sleep(0.3)
        assert not waiting.done()
        assert await first.resign()
        assert await asyncio.wait_for(waiting, DEADLINE)
        leader = await next_item(observer)
        assert leader is not None and leader.value == "beta" and leader.term == second.term
        assert second.term > first.term  # type: ignore[operator]
        await second.resign()
        assert await next_item(observer) is None
        observer.close()
        await client.close()

    run(scenario())


def test_registry_and_expiry(sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        client = Client(sidecar.endpoint)
        async with await client.registry.watch(name) as watch:
            await client.registry.register(name, "i", "127.0.0.1", 80, ttl=2)
            assert (await next_item(watch)).type == "PUT"
            assert (await client.registry.instances(name)).instances[0].id == "i"
            gone = await next_item(watch)  # never kept alive: expires with its session
            assert (gone.type, gone.instance.id) == ("DELETE", "i")
        await client.close()

    run(scenario())


def test_errors(auth_sidecar: Sidecar, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OUTRIGGER_API_TOKEN", raising=False)

    async def scenario() -> None:
        async with Client(auth_sidecar.endpoint) as anonymous:
            with pytest.raises(outrigger.Unauthenticated):
                await anonymous.config.get("k")
            with pytest.raises(outrigger.Unauthenticated):
                await anonymous.config.watch("k")
        async with Client(auth_sidecar.endpoint, api_token=auth_sidecar.api_token) as client:
            with pytest.raises(outrigger.InvalidArgument):
                await client.sessions.create(ttl=1)
        with pytest.raises(outrigger.ConnectFailed):
            await Client(f"http://127.0.0.1:{free_port()}").config.put("k", "v")
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(4)
            silent = Client(f"http://127.0.0.1:{listener.getsockname()[1]}", timeout=0.3)
            with pytest.raises(outrigger.Timeout) as err:
                await silent.config.put("k", "v")
            assert err.value.maybe_applied
            await silent.close()

    run(scenario())


def test_callback_form(sidecar: Sidecar, name: str) -> None:
    async def scenario() -> None:
        async with Client(sidecar.endpoint) as client:
            seen: "asyncio.Queue[Any]" = asyncio.Queue()
            errors: "asyncio.Queue[BaseException]" = asyncio.Queue()

            async def on_change(change: Any) -> None:
                await seen.put(change)
                if change.value == "boom":
                    raise ValueError("callback broke")

            subscription = (await client.config.watch(f"{name}/")).in_background(on_change, on_error=errors.put_nowait)
            await client.config.put(f"{name}/k", "fine")
            await client.config.put(f"{name}/k", "boom")
            values = [(await asyncio.wait_for(seen.get(), DEADLINE)).value for _ in range(2)]
            assert values == ["fine", "boom"]
            assert isinstance(await asyncio.wait_for(errors.get(), DEADLINE), ValueError)
            with pytest.raises(ValueError):
                await asyncio.wait_for(subscription.join(), DEADLINE)
            assert not subscription.running

    run(scenario())
