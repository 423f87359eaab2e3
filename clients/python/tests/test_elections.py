"""Elections: campaign, proclaim, handover on resign and on session loss, observe."""

import queue
import threading
from typing import Any, List, Optional

from outrigger import Client, Election, Leader

from conftest import DEADLINE, eventually
from test_watch import take


def test_handover_on_resign(client: Client, name: str) -> None:
    seen: "queue.Queue[Optional[Leader]]" = queue.Queue()
    first = client.election(name, ttl=10)
    assert first.campaign("alpha", wait=1)
    with first.observe().in_background(seen.put) as observer:
        assert [(leader.value, leader.term) for leader in take(seen, 1)] == [("alpha", first.term)]  # type: ignore[union-attr]

        second = client.election(name, ttl=10)
        elected: List[bool] = []

        def run_second() -> None:
            elected.append(second.campaign("beta", wait=DEADLINE))
            client.close()  # this thread's connection

        runner = threading.Thread(target=run_second)
        runner.start()
        runner.join(0.5)
        assert runner.is_alive() and not elected  # waits in line while alpha leads
        assert first.resign()
        runner.join(DEADLINE)
        assert elected == [True] and second.is_leader
        assert second.term > first.term  # type: ignore[operator]
        leader = client.election(name).leader()
        assert leader is not None and (leader.value, leader.session_id) == ("beta", second.session_id)
        changes = take(seen, 1)
        assert [(leader.value, leader.term) for leader in changes] == [("beta", second.term)]  # type: ignore[union-attr]

        assert second.proclaim("beta-2").value == "beta-2"
        assert [leader.value for leader in take(seen, 1)] == ["beta-2"]  # type: ignore[union-attr]
        second.resign()
        assert take(seen, 1) == [None]
        assert observer.error is None


def test_loss_of_the_session_ends_leadership(client: Client, name: str) -> None:
    lost: List[Any] = []
    leader = client.election(name, ttl=3, on_lost=lost.append)
    assert leader.campaign("only", wait=1)
    follower = client.election(name, ttl=10)
    assert not follower.campaign("next", wait=0)
    client.sessions.delete(leader.session_id)  # type: ignore[arg-type]
    assert leader.lost.wait(DEADLINE)
    eventually(lambda: lost == [leader], "the on_lost callback")
    assert follower.campaign("next", wait=5)
    with follower:
        assert client.election(name).leader().value == "next"  # type: ignore[union-attr]
    assert client.election(name).leader() is None


def test_leader_is_none_without_candidates(client: Client, name: str) -> None:
    election: Election = client.election(name)
    assert election.leader() is None
    assert not election.resign()
