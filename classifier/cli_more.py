"""CLI commands beyond the core five: corpus checks, yearly retraining, the web app."""
from __future__ import annotations

import click


def register(main, fail_cleanly):
    @main.group()
    def data():
        """Check, import and audit labelled data."""

    @data.command("check")
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option("--against", "against", multiple=True, type=click.Path(),
                  help="Evaluation file that must not overlap the training data.")
    @click.option("--json", "as_json", is_flag=True)
    @fail_cleanly
    def data_check(paths, against, as_json):
        """Schema, duplicates, near-duplicates, counts and template smell of labelled data."""
        import json

        from .datacheck import check_data, render_data_report

        report = check_data(paths, against=against)
        click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_data_report(report))
        if report["errors"]:
            raise SystemExit(1)
