"""Server-rendered HTML: the form, and the result above the same form filled in again.

Everything works without JavaScript (a plain form POST); every value that came from a user is
escaped. Labels, checklist names, flags and advice are the CLI report's own texts."""
from __future__ import annotations

import html
import string
from dataclasses import dataclass
from pathlib import Path

from .. import __version__
from ..criteria import CHECK_NAMES
from ..report import flag_text  # the report's wording of a flag, so page and CLI agree
from ..report import advice
from ..taxonomy import load_taxonomy
from .highlight import highlight
from .limits import MAX_TEXT_CHARS, MAX_UPLOAD_BYTES, megabytes
from .words import word

__all__ = ["FormValues", "form_page", "result_page", "label_name"]

_TEMPLATE = string.Template((Path(__file__).parent / "templates" / "page.html").read_text("utf-8"))
_STATUS_MARK = {"present": "✓", "missing": "✗", "unclear": "?"}
_ACCEPT = ",".join([".txt", ".docx", ".pdf", "text/plain", "application/pdf",
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document"])


@dataclass
class FormValues:
    text: str = ""
    year: int | None = None
    applied_category: str = ""


def _e(value) -> str:
    return html.escape(str(value), quote=True)


def _other(lang: str) -> str:
    return "en" if lang == "th" else "th"


def label_name(label: str, lang: str) -> str:
    taxonomy = load_taxonomy()
    return taxonomy.thai_name(label) if lang == "th" else taxonomy.english_name(label)


def _page(lang: str, main: str, switch: str) -> str:
    footer = (f'prescreen {_e(__version__)} · <a href="/openapi.json">API (OpenAPI)</a> · '
              f'{_e(word("disclaimer", lang))}')
    return _TEMPLATE.substitute(lang=lang, title=_e(word("title", lang)), switch=switch, main=main, footer=footer)


def _switch_link(lang: str) -> str:
    other = _other(lang)
    return f'<a class="switch" href="/?lang={other}" lang="{other}">{_e(word("switch", lang))}</a>'


def _switch_button(lang: str) -> str:
    # re-submits the filled-in form in the other language, so the result is not lost (no JS needed)
    other = _other(lang)
    return (f'<button class="switch" type="submit" form="check-form" formaction="/check?lang={other}" '
            f'lang="{other}">{_e(word("switch", lang))}</button>')


def _options(values: FormValues, lang: str) -> tuple[str, str]:
    taxonomy = load_taxonomy()
    chosen_year = values.year or taxonomy.newest_year
    years = "".join(f'<option value="{y}"{" selected" if y == chosen_year else ""}>{y}</option>'
                    for y in sorted(taxonomy.years, reverse=True))
    categories = [f'<option value="">{_e(word("not_chosen", lang))}</option>']
    for label in taxonomy.categories:
        open_in = [y for y in sorted(taxonomy.years) if label in taxonomy.years[y]]
        years_open = ", ".join(map(str, open_in))
        note = "" if len(open_in) == len(taxonomy.years) else f" ({word('years_open', lang)} {years_open})"
        selected = " selected" if label == values.applied_category else ""
        categories.append(f'<option value="{_e(label)}" data-years="{" ".join(map(str, open_in))}"{selected}>'
                          f'{_e(label_name(label, lang) + note)}</option>')
    return years, "".join(categories)


def _form(lang: str, values: FormValues, error: str | None) -> str:
    years, categories = _options(values, lang)
    alert = ""
    if error:
        alert = f'<p class="error" role="alert"><strong>{_e(word("error", lang))}:</strong> {_e(error)}</p>'
    messages = (f'data-msg-empty="{_e(word("empty", lang))}" '
                f'data-msg-too-long="{_e(word("text_too_long_short", lang, limit=MAX_TEXT_CHARS))}" '
                f'data-msg-file-too-big="{_e(word("file_too_big_short", lang, limit=megabytes(MAX_UPLOAD_BYTES)))}"')
    return f"""<form id="check-form" class="check" method="post" action="/check?lang={lang}"
 enctype="multipart/form-data" {messages}>
{alert}
<label for="text">{_e(word("text_label", lang))}</label>
<textarea id="text" name="text" rows="12" data-max-chars="{MAX_TEXT_CHARS}">{_e(values.text)}</textarea>
<small class="hint" id="text-hint">{_e(word("text_hint", lang))}</small>
<label for="file">{_e(word("file_label", lang))}</label>
<input type="file" id="file" name="file" accept="{_ACCEPT}" data-max-bytes="{MAX_UPLOAD_BYTES}">
<small class="hint">{_e(word("file_hint", lang))}</small>
<div class="row">
<div><label for="year">{_e(word("year_label", lang))}</label><select id="year" name="year">{years}</select></div>
<div><label for="applied_category">{_e(word("applied_label", lang))}</label>
<select id="applied_category" name="applied_category">{categories}</select></div>
</div>
<button type="submit" class="primary" data-busy="{_e(word("checking", lang))}">{_e(word("submit", lang))}</button>
<p class="status" id="status" role="status" aria-live="polite"></p>
</form>"""


def form_page(lang: str, values: FormValues | None = None, error: str | None = None) -> str:
    main = f'<p class="intro">{_e(word("intro", lang))}</p>\n{_form(lang, values or FormValues(), error)}'
    return _page(lang, main, _switch_link(lang) if not values or not values.text else _switch_button(lang))


def _bars(probabilities: dict, chosen: str, lang: str, only=None) -> str:
    rows = []
    for label, probability in probabilities.items():
        if only is not None and label not in only:
            continue
        percent, top = f"{probability:.1%}", ' class="top"' if label == chosen else ""
        rows.append(f'<li{top}><span class="name">{_e(label_name(label, lang))}'
                    f'</span><progress max="1" value="{probability:.4f}" aria-label="{_e(label_name(label, lang))}">'
                    f'{percent}</progress><span class="pct">{percent}</span></li>')
    return f'<ul class="bars" aria-label="{_e(word("probabilities", lang))}">{"".join(rows)}</ul>'


def _chips(phrases) -> str:
    return "".join(f"<li>{_e(p)}</li>" for p in phrases)


def _checklist(result: dict, lang: str) -> str:
    items = []
    for check in result["criteria"]:
        name = CHECK_NAMES.get(check["name"], (check["name"], check["name"]))[0 if lang == "th" else 1]
        quote = f' <q>{_e(check["evidence"])}</q>' if check["evidence"] else ""
        items.append(f'<li class="{_e(check["status"])}"><span class="mark" aria-hidden="true">'
                     f'{_STATUS_MARK.get(check["status"], "?")}</span> <strong>{_e(name)}</strong>: '
                     f'{_e(word(check["status"], lang))}{quote}</li>')
    return f'<ul class="checklist" id="criteria">{"".join(items)}</ul>'


def _result(result: dict, text: str, lang: str, source: str | None) -> str:
    level_phrases = [p for p, _ in result["level_evidence"]]
    category_phrases = [p for p, _ in result["category_evidence"]]
    flags = [flag_text(f, lang) for f in result["flags"]]
    if result["needs_review"]:
        flags.append(word("review", lang))
    flags_html = "".join(f"<li>{_e(f)}</li>" for f in flags) or f'<li>{_e(word("none", lang))}</li>'
    tips = "".join(f"<li>{_e(t)}</li>" for t in advice(result, lang)) or f'<li>{_e(word("none", lang))}</li>'
    expected = ", ".join(label_name(level, lang) for level in result["expected_levels"])
    next_level = ""
    if result.get("next_level") and result.get("next_level_lacking"):
        next_level = (f'<p class="next">{_e(word("next", lang))} <strong>{_e(label_name(result["next_level"], lang))}'
                      f'</strong>: {_e(", ".join(result["next_level_lacking"]))}</p>')
    origin = f'<p class="source">{_e(word("from_file", lang))} <code>{_e(source)}</code></p>' if source else ""
    return f"""<section id="result" class="result" aria-labelledby="result-heading">
<h2 id="result-heading">{_e(word("result", lang))}</h2>
<div class="cards">
<article class="card"><h3>{_e(word("level", lang))}</h3>
<p class="answer" id="level" data-label="{_e(result["level"])}">{_e(label_name(result["level"], lang))}</p>
{_bars(result["level_probabilities"], result["level"], lang)}</article>
<article class="card"><h3>{_e(word("category", lang))} ({_e(result["year"])})</h3>
<p class="answer" id="category" data-label="{_e(result["category"])}">{_e(label_name(result["category"], lang))}</p>
<p class="expects">{_e(word("expected", lang))}: {_e(expected)}</p>
{_bars(result["category_probabilities"], result["category"], lang, only=result["valid_categories"])}</article>
</div>
<h3>{_e(word("flags", lang))}</h3><ul class="flags" id="flags">{flags_html}</ul>
<h3>{_e(word("advice", lang))}</h3><ol class="advice" id="advice">{tips}</ol>
<h3>{_e(word("criteria", lang))}</h3>{_checklist(result, lang)}
<h3>{_e(word("evidence", lang))}</h3>
<p class="legend"><mark class="ev-level">{_e(word("legend_level", lang))}</mark>
<mark class="ev-category">{_e(word("legend_category", lang))}</mark>
<mark class="ev-both">{_e(word("legend_both", lang))}</mark></p>
<ul class="chips ev-level" aria-label="{_e(word("legend_level", lang))}">{_chips(level_phrases)}</ul>
<ul class="chips ev-category" aria-label="{_e(word("legend_category", lang))}">{_chips(category_phrases)}</ul>
{next_level}
<h3>{_e(word("text_heading", lang))}</h3>{origin}
<div class="draft" id="draft">{highlight(text, level_phrases, category_phrases)}</div>
<p class="model">{_e(word("model", lang))} {_e(result["model"])}</p>
</section>"""


def result_page(result: dict, text: str, lang: str, values: FormValues, source: str | None = None) -> str:
    main = _result(result, text, lang, source) + "\n" + _form(lang, values, None)
    return _page(lang, main, _switch_button(lang))
