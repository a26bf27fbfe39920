"""Benchmark `plancc preview`: the time from saving the Staffordshire plan to the new page being served.

Run:  .venv/bin/python benchmarks/preview_speed.py   (target: under 1 second)
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from plancc.preview import PreviewState, serve

ROOT = Path(__file__).resolve().parent.parent


def version(base: str) -> int:
    with urllib.request.urlopen(base + "version", timeout=10) as response:  # noqa: S310 - our server on 127.0.0.1
        return int(response.read())


def main(saves: int = 10) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        plan = Path(tmp) / "plan.yaml"
        shutil.copy(ROOT / "plans" / "staffordshire-ni16-2010.yaml", plan)
        state = PreviewState(plan)
        state.refresh()
        stop = threading.Event()
        server = serve(state, 0, lambda s: None, stop)
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        time.sleep(0.5)
        text = plan.read_text()
        times = []
        for i in range(saves):
            before = version(base)
            started = time.monotonic()
            plan.write_text(text.replace("title: Serious", f"title: Revision {i} of the Serious"))
            while version(base) == before:
                time.sleep(0.005)
            times.append(time.monotonic() - started)
        stop.set()
        server.shutdown()
    print(f"preview refresh after a save (Staffordshire plan): median {statistics.median(times):.3f} s, "
          f"worst {max(times):.3f} s over {saves} saves (target < 1 s)")


if __name__ == "__main__":
    main()
