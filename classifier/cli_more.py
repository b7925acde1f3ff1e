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
    @click.option("--strict", is_flag=True, help="Classes under the corpus minimums are errors, not warnings.")
    @click.option("--json", "as_json", is_flag=True)
    @fail_cleanly
    def data_check(paths, against, strict, as_json):
        """Schema, duplicates, near-duplicates, counts and template smell of labelled data."""
        import json

        from .datacheck import check_data, render_data_report

        report = check_data(paths, against=against, strict=strict)
        click.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else render_data_report(report))
        if report["errors"]:
            raise SystemExit(1)

    @data.command("import")
    @click.argument("results", type=click.Path())
    @click.option("--year", required=True, type=int, help="Award year of these results (Buddhist era).")
    @click.option("--out", "out_path", required=True, type=click.Path(dir_okay=False))
    @click.option("--text-column", "text_columns", multiple=True, required=True, help="Repeat to join several.")
    @click.option("--level-column", default="level", show_default=True)
    @click.option("--category-column", default="category", show_default=True)
    @click.option("--id-column")
    @click.option("--agency-column")
    @click.option("--title-column")
    @click.option("--map-category", "map_pairs", multiple=True, help="'Thai name=label_id'; repeat.")
    @click.option("--mapping-file", type=click.Path(exists=True, dir_okay=False),
                  help="Lines of 'Thai name=label_id', or a JSON object.")
    @click.option("--sheet")
    @click.option("--encoding")
    @fail_cleanly
    def data_import(results, year, out_path, text_columns, level_column, category_column, id_column, agency_column,
                    title_column, map_pairs, mapping_file, sheet, encoding):
        """Turn a year's results (XLSX/CSV/JSONL) into training JSONL; unmappable rows are listed."""
        from .retrain import import_results, read_category_mapping

        report = import_results(results, year, out_path, text_columns, level_column=level_column,
                                category_column=category_column, id_column=id_column, agency_column=agency_column,
                                title_column=title_column, category_mapping=read_category_mapping(map_pairs, mapping_file),
                                sheet=sheet, encoding=encoding)
        click.echo(f"wrote {report['written']} rows to {report['out']}")
        for entry in report["unmapped"]:
            click.echo(f"row {entry['row']} not imported: {'; '.join(entry['problems'])}")
        if report["unmapped"]:
            raise click.ClickException(f"{len(report['unmapped'])} row(s) could not be mapped; fix the mapping "
                                       "(--map-category) or the file and import again")

    @data.command("add-year")
    @click.argument("year", type=int)
    @click.option("--category", "categories", multiple=True, help="Category valid that year; repeat.")
    @click.option("--like", "like_year", type=int, help="Copy the categories of this year.")
    @fail_cleanly
    def data_add_year(year, categories, like_year):
        """Add a year's valid categories to the taxonomy file in use."""
        from .errors import DataError
        from .taxonomy import add_year, load_taxonomy

        chosen = list(categories) or (list(load_taxonomy().categories_for(like_year)) if like_year else [])
        if not chosen:
            raise DataError("name the year's categories with --category (repeat) or --like YEAR")
        path = add_year(year, chosen)
        click.echo(f"{year}: {', '.join(chosen)} (written to {path})")

    @data.command("suspects")
    @click.argument("paths", nargs=-1, required=True, type=click.Path())
    @click.option("--model", "model_dir", type=click.Path(), help="Hyperparameters from this model [in use].")
    @click.option("--folds", default=5, show_default=True, type=click.IntRange(2, 20))
    @click.option("--limit", default=30, show_default=True, type=click.IntRange(1))
    @click.option("--json", "as_json", is_flag=True)
    @fail_cleanly
    def data_suspects(paths, model_dir, folds, limit, as_json):
        """Rows whose label the cross-validated model most strongly disagrees with."""
        import json

        from .retrain import suspects

        rows = suspects(paths, model_dir=model_dir, folds=folds, limit=limit)
        if as_json:
            click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        click.echo(f"{'p(given)':>8s}  {'head':8s} {'given':22s} {'predicted':22s} where")
        for r in rows:
            click.echo(f"{r['p_given']:8.3f}  {r['head']:8s} {r['given']:22s} {r['predicted']:22s} "
                       f"{r['source']}:{r['line']} {r['id']}")

    @main.command()
    @click.option("--model", "model_dirs", multiple=True, required=True, type=click.Path(),
                  help="Give twice: the model in use (A) and the candidate (B).")
    @click.option("--data", "data_paths", multiple=True, required=True, type=click.Path())
    @click.option("--json", "as_json", is_flag=True)
    @fail_cleanly
    def compare(model_dirs, data_paths, as_json):
        """Two models side by side on the same labelled data."""
        import json

        from .retrain import compare_models

        result = compare_models(model_dirs, data_paths)
        if as_json:
            click.echo(json.dumps(result, ensure_ascii=False, indent=2))
            return
        a, b = result["versions"]
        click.echo(f"{result['examples']} examples   A = {a}   B = {b}")
        for head in ("level", "category"):
            for metric, value in result["a"][head].items():
                delta = result["b"][head][metric] - value
                click.echo(f"{head:9s} {metric:9s} A {value:6.3f}  B {result['b'][head][metric]:6.3f}  "
                           f"B-A {delta:+.3f}")
        for head, diffs in result["f1_difference"].items():
            click.echo(f"F1 B-A by {head}: " + ", ".join(f"{k} {v:+.3f}" for k, v in diffs.items()))
        click.echo(f"{len(result['changed'])} row(s) changed prediction:")
        for row in result["changed"]:
            click.echo(f"  line {row['line']} {row['id']}: true {row['level']}/{row['category']}  "
                       f"A {'/'.join(row['a'])}  B {'/'.join(row['b'])}")

    @main.command()
    @click.argument("version")
    @fail_cleanly
    def promote(version):
        """Make VERSION (a directory under models/) the model in use, atomically."""
        from .retrain import promote as promote_version

        target = promote_version(version)
        click.echo(f"{target.name} is now the model in use")

    @main.command("models")
    @fail_cleanly
    def list_versions():
        """Model versions with their headline cross-validated metrics; * marks the one in use."""
        from .retrain import list_models

        for m in list_models():
            if "error" in m:
                click.echo(f"  {m['version']:20s} unreadable: {m['error']}")
                continue
            click.echo(f"{'*' if m['in_use'] else ' '} {m['version']:20s} {m['created'][:10]}  {m['examples']:5d} "
                       f"examples  level F1 {m['level_macro_f1']:.3f} QWK {m['level_qwk']:.3f}  category F1 "
                       f"{m['category_macro_f1']:.3f}")
