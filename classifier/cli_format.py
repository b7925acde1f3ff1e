"""Plain-text renderings of cards, metrics and summaries for the terminal."""
from __future__ import annotations

__all__ = ["training_report", "metrics_report", "card_summary", "score_summary", "head_table"]


def head_table(name: str, report: dict) -> str:
    lines = [f"{name}: macro-F1 {report['macro_f1']:.3f}  accuracy {report['accuracy']:.3f}  (n={report['n']})"]
    if "mae" in report:
        lines.append(f"  MAE {report['mae']:.3f} levels  QWK {report['qwk']:.3f}  within one level "
                     f"{report['within_one_level']:.3f}")
    lines.append(f"  {'label':24s} {'prec':>6s} {'recall':>6s} {'F1':>6s} {'n':>5s}")
    for label, row in report["per_class"].items():
        lines.append(f"  {label:24s} {row['precision']:6.3f} {row['recall']:6.3f} {row['f1']:6.3f} {row['support']:5d}")
    lines.append("  confusion (rows = true, columns = predicted, order as above):")
    lines += ["    " + " ".join(f"{v:4d}" for v in row) for row in report["confusion_matrix"]]
    return "\n".join(lines)


def training_report(card: dict) -> str:
    cv = card["cross_validation"]
    hp = card["hyperparameters"]
    return "\n".join([
        f"cross-validated ({cv['folds']}-fold, seed {cv['seed']}) on {card['examples']} examples",
        f"chosen: word 1-{hp['word_max_n']}, min_df {hp['min_df']}, char {'on' if hp['char'] else 'off'}, "
        f"C level {hp['level_C']:g}, C category {hp['category_C']:g}, engine {hp['engine']}",
        head_table("level", cv["level"]), head_table("category", cv["category"]),
        f"review thresholds: {card['review_thresholds']}"])


def metrics_report(result: dict) -> str:
    return "\n".join([f"model {result['model']} on {result['examples']} examples",
                      head_table("level", result["level"]), head_table("category", result["category"])])


def card_summary(card: dict) -> str:
    cv = card["cross_validation"]
    lines = [f"model {card['version']}  created {card['created']}",
             f"trained on {card['examples']} examples: " + ", ".join(d["file"] for d in card["training_data"]),
             f"engine {card['hyperparameters']['engine']}; hyperparameters " +
             ", ".join(f"{k}={v}" for k, v in card["hyperparameters"].items() if k != "engine"),
             f"cross-validated level macro-F1 {cv['level']['macro_f1']:.3f} (MAE {cv['level']['mae']:.3f}, "
             f"QWK {cv['level']['qwk']:.3f}); category macro-F1 {cv['category']['macro_f1']:.3f}",
             "versions: " + ", ".join(f"{k} {v}" for k, v in card["versions"].items() if v),
             f"model file sha256 {card['model_sha256']}"]
    return "\n".join(lines)


def score_summary(summary: dict) -> str:
    def counts(counter):
        return ", ".join(f"{k} {v}" for k, v in sorted(counter.items(), key=lambda kv: -kv[1])) or "none"

    lines = [f"{summary['rows']} rows: {summary['scored']} scored, {summary['errors']} failed, "
             f"{summary['needs_review']} need review",
             f"level: {counts(summary['level'])}", f"category: {counts(summary['category'])}",
             f"flags: {counts(summary['flags'])}"]
    if summary.get("review_queue"):
        lines.append(f"review queue: {summary['review_queue']}")
    return "\n".join(lines)
