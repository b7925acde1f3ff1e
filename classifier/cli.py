"""`prescreen`: a thin click layer over the library. Library errors become one-line messages
(exit 1); usage errors exit 2."""
from __future__ import annotations

import collections
import json
import sys
import warnings
from functools import wraps

import click

from . import __version__
from .errors import ModelVersionWarning, PrescreenError


def _fail_cleanly(function):
    @wraps(function)
    def wrapper(*args, **kwargs):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always", ModelVersionWarning)
                warnings.showwarning = lambda message, *a, **k: click.echo(f"Warning: {message}", err=True)
                return function(*args, **kwargs)
        except PrescreenError as exc:
            raise click.ClickException(str(exc)) from None
    return wrapper


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="prescreen")
def main():
    """Pre-screen Thai submissions to the Public Sector Excellence Awards (รางวัลเลิศรัฐ)."""


@main.command()
@click.option("--data", "data_paths", multiple=True, required=True, type=click.Path(),
              help="Labelled JSONL/CSV/XLSX file or directory; repeat for more.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False), help="Model directory to write.")
@click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--engine", default="newmm", show_default=True, type=click.Choice(["newmm", "nlpo3"]))
@click.option("--jobs", default=None, type=click.IntRange(1), help="Worker processes for tokenising [all cores].")
@click.option("--force", is_flag=True, help="Overwrite a model directory that is not in use.")
@click.option("--year-decay", default=1.0, show_default=True, type=click.FloatRange(0.05, 1.0),
              help="Weight of an example per year before the newest (0.7: last year counts 0.7, the year before 0.49).")
@_fail_cleanly
def train(data_paths, out_dir, folds, seed, engine, jobs, force, year_decay):
    """Train with cross-validated model selection and write a model directory."""
    from .api import train_model
    from .cli_format import training_report

    card = train_model(data_paths, out_dir, folds=folds, seed=seed, engine=engine, jobs=jobs, force=force,
                       year_decay=year_decay, log=_echo_err)
    click.echo(training_report(card))
    click.echo(f"wrote {out_dir}")


@main.command()
@click.argument("input_path", metavar="INPUT", type=str)
@click.option("--out", "output_path", required=True, help="Output .jsonl/.csv/.xlsx, or - for JSONL on stdout.")
@click.option("--model", "model_dir", type=click.Path(), help="Model directory [the model in use].")
@click.option("--year", type=int, help="Award year (Buddhist era) [each row's 'year', else the newest].")
@click.option("--text-column", "text_columns", multiple=True, help="Text column; repeat to join several in order.")
@click.option("--id-column", help="Column that identifies a row in the summary and review queue.")
@click.option("--applied-column", default="applied_category", show_default=True,
              help="Column with the category the agency applied for.")
@click.option("--review-queue", "review_path", help="Also write the rows that need a person, most doubtful first.")
@click.option("--sheet", help="XLSX sheet to score [the first].")
@click.option("--encoding", help="Input encoding [detected: utf-8, utf-8-sig, utf-16, cp874].")
@click.option("--jobs", type=click.IntRange(1), help="Worker processes [all cores].")
@click.option("--quiet", is_flag=True, help="No progress bar and no summary.")
@click.option("--engine", type=click.Choice(["newmm", "nlpo3"]), help="Refuse unless the model uses this tokenizer.")
@_fail_cleanly
def score(input_path, output_path, model_dir, year, text_columns, id_column, applied_column, review_path, sheet,
          encoding, jobs, quiet, engine):
    """Score every row of INPUT (.jsonl/.csv/.xlsx, or - for JSONL on stdin)."""
    from .batch import score_file

    progress = None
    if not quiet and sys.stderr.isatty():
        from .tabular import count_rows

        total = count_rows(input_path, encoding, sheet)
        if total:  # stdin cannot be counted ahead
            progress = click.progressbar(length=total, label="scoring", file=sys.stderr, show_pos=True)
    summary = score_file(input_path, output_path, model_dir=model_dir, year=year, text_columns=text_columns,
                         id_column=id_column, applied_column=applied_column, review_path=review_path, sheet=sheet,
                         encoding=encoding, jobs=jobs, engine=engine,
                         on_row=(lambda: progress.update(1)) if progress else None)
    if progress:
        progress.render_finish()
    if not quiet:
        from .cli_format import score_summary

        _echo_err(score_summary(summary))


@main.command()
@click.argument("path", metavar="FILE|-")
@click.option("--model", "model_dir", type=click.Path())
@click.option("--year", type=int, help="Award year [the newest].")
@click.option("--applied-category", default="", help="The category the agency intends to enter.")
@click.option("--lang", default="th", show_default=True, type=click.Choice(["th", "en"]))
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(["text", "markdown", "html", "json"]))
@click.option("--encoding", help="Text file encoding [detected].")
@click.option("--engine", type=click.Choice(["newmm", "nlpo3"]), help="Refuse unless the model uses this tokenizer.")
@_fail_cleanly
def check(path, model_dir, year, applied_category, lang, fmt, encoding, engine):
    """Self-check one draft (.txt, .docx, .pdf or - for stdin): level, category, evidence, advice."""
    from .api import check_text
    from .documents import read_document
    from .errors import InputError
    from .report import render_report

    text = read_document(path, encoding)
    if not text.strip():
        raise InputError(f"{path}: the draft is empty; give a file with the submission text")
    result = check_text(text, model_dir=model_dir, year=year, applied_category=applied_category, engine=engine)
    click.echo(render_report(result, fmt=fmt, lang=lang))


@main.command()
@click.option("--data", "data_paths", multiple=True, required=True, type=click.Path())
@click.option("--model", "model_dir", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
@_fail_cleanly
def evaluate(data_paths, model_dir, as_json):
    """Metrics of a model on labelled data."""
    from .api import evaluate_model
    from .cli_format import metrics_report

    result = evaluate_model(data_paths, model_dir=model_dir)
    if as_json:
        click.echo(json.dumps({k: v for k, v in result.items() if k != "predictions"}, ensure_ascii=False, indent=2))
    else:
        click.echo(metrics_report(result))


@main.command()
@click.option("--model", "model_dir", type=click.Path())
@click.option("--json", "as_json", is_flag=True)
@_fail_cleanly
def info(model_dir, as_json):
    """Print a model's card (nothing is unpickled)."""
    from .modelfile import in_use_dir, read_card
    from .cli_format import card_summary

    card = read_card(model_dir or in_use_dir())
    click.echo(json.dumps(card, ensure_ascii=False, indent=2) if as_json else card_summary(card))


from .cli_more import register  # noqa: E402  (commands for data, retraining and serving)

register(main, _fail_cleanly)
from .cli_serve import register_serve  # noqa: E402
register_serve(main, _fail_cleanly)
