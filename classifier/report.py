"""The self-check report for one draft: Thai by default, English on request; text, Markdown,
HTML or JSON. Plain text uses no colour codes, so it reads the same in any terminal."""
from __future__ import annotations

import html
import json

from .criteria import CHECK_NAMES
from .taxonomy import load_taxonomy

__all__ = ["render_report", "FORMATS", "LANGUAGES", "advice", "flag_text"]

FORMATS = ("text", "markdown", "html", "json")
LANGUAGES = ("th", "en")

_WORDS = {
    "title": ("รายงานตรวจทานผลงานก่อนส่ง (prescreen)", "Self-check report (prescreen)"),
    "level": ("ระดับการมีส่วนร่วมที่ข้อความแสดงได้", "Participation level the text supports"),
    "category": ("ประเภทรางวัลที่เหมาะสม", "Award category that fits"),
    "runner_up": ("อันดับรอง", "runner-up"),
    "year": ("ปีรางวัล", "award year"),
    "evidence": ("คำ/วลีที่เป็นหลักฐาน", "Evidence words and phrases"),
    "sentences": ("ประโยคที่มีหลักฐานมากที่สุด", "Sentences carrying the most evidence"),
    "next": ("สิ่งที่ยังขาดเพื่อไปถึงระดับ", "What the text lacks for the next level"),
    "criteria": ("รายการตรวจตามเกณฑ์", "Criteria checklist"),
    "flags": ("ข้อสังเกต", "Flags"),
    "advice": ("คำแนะนำ", "Advice"),
    "none": ("ไม่มี", "none"),
    "present": ("มี", "present"),
    "missing": ("ไม่พบ", "missing"),
    "unclear": ("ไม่ชัดเจน", "unclear"),
    "review": ("ควรให้ผู้ตรวจอ่านทบทวน", "a person should review this"),
    "model": ("แบบจำลอง", "model"),
}

_FLAG_TEXT = {
    "category_mismatch": ("ประเภทที่สมัครต่างจากประเภทที่ข้อความสนับสนุน",
                          "the category applied for differs from the one the text supports"),
    "level_below_category": ("ระดับการมีส่วนร่วม (หรือขอบเขตทั้งองค์กร) ยังไม่ถึงที่ประเภทรางวัลนี้คาดหวัง",
                             "the participation level (or organisation-wide scope) is below what this category "
                             "expects"),
    "low_confidence": ("แบบจำลองไม่มั่นใจ ควรให้ผู้ตรวจอ่าน", "the model is not confident; a person should read it"),
    "too_short": ("ข้อความสั้นเกินกว่าจะประเมินได้ดี", "the text is too short to judge well"),
    "not_thai": ("ข้อความส่วนใหญ่ไม่ใช่ภาษาไทย", "most of the text is not Thai"),
    "truncated": ("ข้อความยาวมาก อ่านเฉพาะส่วนต้น", "very long text: only its beginning was read"),
}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "th" else 1]


def _label(label: str, lang: str) -> str:
    taxonomy = load_taxonomy()
    name = taxonomy.thai_name(label) if lang == "th" else taxonomy.english_name(label)
    return f"{name} ({label})"


def flag_text(flag: str, lang: str) -> str:
    """A flag as a person reads it, in Thai or English."""
    if flag.startswith("missing_evidence:"):
        name = flag.split(":", 1)[1]
        check = CHECK_NAMES.get(name, (name, name))[0 if lang == "th" else 1]
        return ("ไม่พบหลักฐาน: " if lang == "th" else "missing evidence: ") + check
    return _FLAG_TEXT.get(flag, (flag, flag))[0 if lang == "th" else 1]


def _bar(probability: float, width: int = 20) -> str:
    filled = int(round(probability * width))
    return "#" * filled + "." * (width - filled)


def advice(result: dict, lang: str = "th") -> list[str]:
    """Concrete next steps drawn from the labeling guide and the clinic answers."""
    taxonomy = load_taxonomy()
    th = lang == "th"
    tips = []
    level, category = result["level"], result["category"]
    applied = result.get("applied_category")
    rank = taxonomy.level_rank(level)
    if applied and applied != category:
        tips.append((f"ข้อความสนับสนุนประเภท {_label(category, lang)} มากกว่า {_label(applied, lang)} "
                     "ที่สมัคร: 1 ผลงานสมัครได้ 1 ประเภท ควรเลือกประเภทที่ผลงานโดดเด่นตามเกณฑ์")
                    if th else (f"The text supports {_label(category, lang)} more than the {_label(applied, lang)} "
                                "applied for; one work enters one category, choose the one its strengths fit."))
    target = applied or category
    if target in ("effective_change", "participation_expanded", "poverty_collaboration") and rank < 3:
        tips.append(("ประเภทนี้คาดหวังระดับความร่วมมือ (Collaborate) ขึ้นไป: อธิบายให้เห็นว่าผู้มีส่วนได้ส่วนเสียหลัก"
                     "ร่วมคิด ร่วมตัดสินใจ ร่วมลงมือ และร่วมติดตามผลอย่างไร เช่น คณะกรรมการร่วมที่มีอำนาจตัดสินใจ "
                     "การลงทุนหรือแรงงานร่วม หรือกลไกเครือข่ายในพื้นที่") if th else
                    ("This category expects Collaborate or higher: show how the key stakeholders shared the "
                     "decisions, the work and the follow-up (a joint committee that decides, shared budget or "
                     "labour, a network mechanism in the area)."))
    if target == "open_governance" and any(c["name"] == "organisation_wide" and c["status"] == "missing"
                                           for c in result["criteria"]):
        tips.append(("ประเภทเปิดใจใกล้ชิดประชาชนต้องเป็นภาพรวมทั้งองค์กร ไม่ใช่โครงการเดียว: "
                     "อธิบายระบบเปิดเผยข้อมูลและรับฟังความคิดเห็นที่ทุกส่วนงานใช้") if th else
                    ("Open Governance is about the whole organisation, not one project: describe the disclosure "
                     "and listening system that every unit runs."))
    for check in result["criteria"]:
        if check["status"] == "missing":
            name = CHECK_NAMES[check["name"]][0 if th else 1]
            tips.append((f"เพิ่มข้อมูล: {name}") if th else (f"Add: {name}."))
    if result.get("next_level") and result.get("next_level_lacking"):
        words = ", ".join(result["next_level_lacking"][:5])
        tips.append((f"ผลงานที่ถึงระดับ {_label(result['next_level'], lang)} มักเล่าถึง: {words}") if th else
                    (f"Works at {_label(result['next_level'], lang)} usually describe: {words}"))
    return tips


def _sections(result: dict, lang: str):
    """(heading, [lines]) pairs shared by the text, Markdown and HTML renderings."""
    level_lines = [f"{_label(result['level'], lang)}"]
    level_lines += [f"{_bar(p)} {p:5.1%}  {_label(l, lang)}" for l, p in result["level_probabilities"].items()]
    valid = result["valid_categories"]
    category_lines = [f"{_label(result['category'], lang)}  ({_w('year', lang)} {result['year']})"]
    category_lines += [f"{_bar(p)} {p:5.1%}  {_label(c, lang)}" for c, p in result["category_probabilities"].items()
                       if c in valid]
    runner = result["category_runner_up"]
    category_lines.append(f"{_w('runner_up', lang)}: {_label(runner[0], lang)} {runner[1]:.1%}")
    evidence = [f"{_w('level', lang)}: " + (", ".join(p for p, _ in result["level_evidence"]) or _w("none", lang)),
                f"{_w('category', lang)}: " + (", ".join(p for p, _ in result["category_evidence"]) or _w("none", lang))]
    checks = []
    for check in result["criteria"]:
        mark = {"present": "[x]", "missing": "[ ]", "unclear": "[?]"}[check["status"]]
        name = CHECK_NAMES[check["name"]][0 if lang == "th" else 1]
        line = f"{mark} {name}: {_w(check['status'], lang)}"
        if check["evidence"]:
            line += f"  «{check['evidence']}»"
        checks.append(line)
    flags = [flag_text(f, lang) for f in result["flags"]] or [_w("none", lang)]
    if result["needs_review"]:
        flags.append(_w("review", lang))
    sections = [(_w("level", lang), level_lines), (_w("category", lang), category_lines),
                (_w("evidence", lang), evidence), (_w("sentences", lang), result["evidence_sentences"] or [_w("none", lang)])]
    if result.get("next_level"):
        sections.append((f"{_w('next', lang)} {_label(result['next_level'], lang)}",
                         [", ".join(result["next_level_lacking"]) or _w("none", lang)]))
    sections += [(_w("criteria", lang), checks), (_w("flags", lang), flags),
                 (_w("advice", lang), advice(result, lang) or [_w("none", lang)])]
    return sections


def render_report(result: dict, fmt: str = "text", lang: str = "th") -> str:
    if fmt == "json":
        return json.dumps(result, ensure_ascii=False, indent=2)
    sections = _sections(result, lang)
    title = f"{_w('title', lang)} — {_w('model', lang)} {result['model']}"
    if fmt == "markdown":
        out = [f"# {title}", ""]
        for heading, lines in sections:
            out += [f"## {heading}", ""] + [f"- {line}" for line in lines] + [""]
        return "\n".join(out)
    if fmt == "html":
        body = "".join(f"<h2>{html.escape(h)}</h2><ul>" + "".join(f"<li>{html.escape(l)}</li>" for l in lines)
                       + "</ul>" for h, lines in sections)
        return (f"<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
                f"<body><h1>{html.escape(title)}</h1>{body}</body></html>")
    out = [title, "=" * 60]
    for heading, lines in sections:
        out += ["", heading, "-" * 40] + [f"  {line}" for line in lines]
    return "\n".join(out) + "\n"
