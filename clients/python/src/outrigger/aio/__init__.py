"""The asyncio flavour of the Outrigger client: ``outrigger.aio.Client``.

import asyncio
from outrigger import aio

async def main() -> None:
    async with aio.Client() as client:
        await client.config.put("app/mode", "fast")
        async with client.lock("job", ttl=15, wait=5) as lock:
            print(lock.fencing_token)
        async for event in await client.config.watch("app/"):
            print(event)

asyncio.run(main())
"""

from .client import Client
from .election import AsyncElection
from .lock import AsyncLock
from .session import AsyncSession
from .watch import AsyncSubscription, AsyncWatch

__all__ = ["AsyncElection", "AsyncLock", "AsyncSession", "AsyncSubscription", "AsyncWatch", "Client"]
