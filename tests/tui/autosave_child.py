"""Run by test_drafts_kill.py as a separate process: open the compose screen against the instance given on the
command line, type, wait until the autosave has written the draft, say so, then keep running until killed."""
import asyncio
import sys
from pathlib import Path

from api import AsyncMastodon
from app.config import Config
from app.screens.compose import ComposeScreen
from app.service import ApiService
from tests.tui.compose_support import Host


async def main(base_url: str, token: str, drafts: str, text: str) -> None:
    service = ApiService(AsyncMastodon(api_base_url=base_url, access_token=token), Config())
    await service.start()
    app = Host(ComposeScreen(service, autosave_seconds=0.2))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press(*text)
        while not any(text in p.read_text() for p in Path(drafts).glob("*.json")):
            await pilot.pause(0.05)
        print("SAVED", flush=True)
        await asyncio.Event().wait()  # until kill -9


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
