"""`prescreen serve`: the agency self-check page and the JSON API (classifier/web), run by uvicorn."""
from __future__ import annotations

import click

_LOOPBACK = ("127.0.0.1", "localhost", "::1")


def register_serve(main, fail_cleanly):
    @main.command()
    @click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
    @click.option("--model", "model_dir", type=click.Path(), help="Model directory [the model in use].")
    @fail_cleanly
    def serve(host, port, model_dir):
        """Start the self-check web page and the JSON API (needs the 'web' extra)."""
        try:
            import uvicorn

            from .web import create_app
        except ImportError as exc:
            raise click.ClickException(f"the web page needs the 'web' extra ({exc.name} is missing): "
                                       "pip install -e '.[web]'") from None
        app = create_app(model_dir)  # loads the model now: a bad --model fails here, with one line
        if host not in _LOOPBACK:
            click.echo(f"Note: listening on {host}; the page has no login, so put it behind your agency's "
                       "proxy or firewall.", err=True)
        click.echo(f"prescreen self-check on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
                   "(Ctrl+C stops it)", err=True)
        # access_log off: request lines are not needed, and nothing a person sends is ever logged
        uvicorn.run(app, host=host, port=port, access_log=False, server_header=False, log_level="warning")
