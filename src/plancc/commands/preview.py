"""`plancc preview PLAN`: see the plan's page as the public will, refreshed each time it is saved."""

from __future__ import annotations

import threading
import time
import webbrowser
from pathlib import Path

import click


@click.command("preview")
@click.argument("plan", type=click.Path(exists=True, dir_okay=False))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port on 127.0.0.1 to serve the preview on (0 picks a free one).")
@click.option("--theme", type=click.Path(exists=True, file_okay=False), default=None,
              help="A folder of templates and assets that override the built-in ones.")
@click.option("--open/--no-open", "open_browser", default=False, help="Open the preview in a web browser.")
def command(plan: str, port: int, theme: str | None, open_browser: bool) -> None:
    """Serve PLAN's page on 127.0.0.1 and render it again whenever the file is saved. Ctrl-C stops it."""
    from plancc.preview import PreviewState, serve, status_line
    from plancc.site_config import load_config

    config, _ = load_config(None)
    theme_dir = Path(theme) if theme else config.theme
    state = PreviewState(Path(plan), theme_dir, {**config.template_site(), "home": ""})
    state.refresh()
    stop = threading.Event()

    def report(current: PreviewState) -> None:
        click.echo(f"{time.strftime('%H:%M:%S')} {plan}: {status_line(current)}")

    try:
        server = serve(state, port, report, stop)
    except OSError as exc:
        raise click.ClickException(f"Could not serve on 127.0.0.1:{port} ({exc.strerror}); try --port 0.") from None
    address = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"Previewing {plan} at {address} (Ctrl-C to stop)")
    report(state)
    if open_browser:
        webbrowser.open(address)
    try:
        while True:
            time.sleep(0.5)
    except KeyboardInterrupt:
        click.echo("\nStopped.")
    finally:
        stop.set()
        server.shutdown()
