"""The page's own words in Thai and English. Label, checklist, flag and advice texts come from
the taxonomy, classifier/criteria.py and classifier/report.py, so the page says what the CLI says."""
from __future__ import annotations

from .limits import MAX_TEXT_CHARS

LANGUAGES = ("th", "en")

_WORDS = {
    "title": ("ตรวจทานผลงานก่อนส่ง — รางวัลเลิศรัฐ", "Self-check before you submit — Public Sector Excellence Awards"),
    "intro": ("วางข้อความผลงาน หรือเลือกไฟล์ แล้วกด “ตรวจ” ระบบจะบอกระดับการมีส่วนร่วมและประเภทรางวัลที่ข้อความ"
              "สนับสนุน พร้อมเหตุผลและคำแนะนำ ข้อความของท่านไม่ถูกบันทึกไว้ที่ใด",
              "Paste the text of your submission or choose a file, then press “Check”. You get the participation "
              "level and the award category the text supports, with the reasons and advice. Your text is not stored."),
    "switch": ("English", "ภาษาไทย"),
    "text_label": ("ข้อความผลงาน", "Submission text"),
    "text_hint": (f"ไม่เกิน {MAX_TEXT_CHARS:,} ตัวอักษร", f"up to {MAX_TEXT_CHARS:,} characters"),
    "file_label": ("หรือเลือกไฟล์ (.txt, .docx, .pdf)", "or choose a file (.txt, .docx, .pdf)"),
    "file_hint": ("ไม่เกิน 2 MB; ถ้าเลือกไฟล์ ระบบจะตรวจข้อความในไฟล์แทนข้อความที่วางไว้",
                  "up to 2 MB; a chosen file is checked instead of the pasted text"),
    "year_label": ("ปีที่สมัคร (พ.ศ.)", "Award year (Buddhist era)"),
    "applied_label": ("ประเภทที่ตั้งใจสมัคร (ไม่บังคับ)", "Category you intend to enter (optional)"),
    "not_chosen": ("— ไม่ระบุ —", "— not chosen —"),
    "years_open": ("เปิดรับปี", "open in"),
    "submit": ("ตรวจ", "Check"),
    "checking": ("กำลังตรวจ…", "Checking…"),
    "result": ("ผลการตรวจ", "Result"),
    "disclaimer": ("ผลนี้เป็นการอ่านเบื้องต้นโดยแบบจำลอง ไม่ใช่ผลการพิจารณาของคณะกรรมการ",
                   "This is a first reading by a model, not the committee's decision."),
    "level": ("ระดับการมีส่วนร่วมที่ข้อความแสดงได้", "Participation level the text supports"),
    "category": ("ประเภทรางวัลที่เหมาะสม", "Award category that fits"),
    "probabilities": ("ความน่าจะเป็น", "Probabilities"),
    "expected": ("ประเภทนี้คาดหวังระดับ", "this category expects"),
    "text_heading": ("ข้อความที่ตรวจ — คำที่เป็นหลักฐานถูกไฮไลต์", "The text checked — evidence words highlighted"),
    "from_file": ("ข้อความจากไฟล์", "text read from"),
    "legend_level": ("หลักฐานระดับ", "level evidence"),
    "legend_category": ("หลักฐานประเภท", "category evidence"),
    "legend_both": ("ทั้งสองอย่าง", "both"),
    "evidence": ("คำ/วลีที่เป็นหลักฐาน", "Evidence words and phrases"),
    "next": ("สิ่งที่ยังขาดเพื่อไปถึงระดับ", "What the text lacks for the next level:"),
    "criteria": ("รายการตรวจตามเกณฑ์", "Criteria checklist"),
    "present": ("มี", "present"),
    "missing": ("ไม่พบ", "missing"),
    "unclear": ("ไม่ชัดเจน", "unclear"),
    "flags": ("ข้อสังเกต", "Flags"),
    "review": ("ควรให้ผู้ตรวจอ่านทบทวน", "a person should review this"),
    "advice": ("คำแนะนำ", "Advice"),
    "none": ("ไม่มี", "none"),
    "model": ("แบบจำลอง", "model"),
    "error": ("ตรวจไม่ได้", "Could not check"),
    "empty": ("กรุณาวางข้อความผลงาน หรือเลือกไฟล์", "Paste the submission text or choose a file."),
    "text_too_long": ("ข้อความยาว {n:,} ตัวอักษร เกินที่รับได้ {limit:,} ตัวอักษร: ตัดส่วนที่ไม่ใช่เนื้อหาผลงานออกแล้วลองใหม่",
                      "The text has {n:,} characters, more than the {limit:,} accepted: cut what is not part "
                      "of the submission and try again."),
    "file_too_big": ("ไฟล์มีขนาด {size} เกินที่รับได้ {limit}: บันทึกเป็น .docx หรือ .txt ที่ไม่มีรูปภาพ หรือวางข้อความแทน",
                     "The file is {size}, more than the {limit} accepted: save it as .docx or .txt without "
                     "pictures, or paste the text."),
    "body_too_big": ("ข้อมูลที่ส่งมีขนาดเกิน {limit}: ไฟล์ต้องไม่เกิน 2 MB และข้อความไม่เกิน {chars:,} ตัวอักษร",
                     "What was sent is larger than {limit}: files up to 2 MB and text up to {chars:,} characters."),
    "text_too_long_short": ("ข้อความยาวเกิน {limit:,} ตัวอักษร", "The text is longer than {limit:,} characters."),
    "file_too_big_short": ("ไฟล์ใหญ่เกิน {limit}", "The file is larger than {limit}."),
    "bad_file": ("อ่านไฟล์ไม่ได้", "The file cannot be read"),
    "bad_year": ("ไม่มีปี {year} ในรายการปีที่เปิดรับ (มี: {known})", "year {year} is not an award year known here "
                 "(known: {known})"),
    "bad_category": ("ประเภท {category} ไม่เปิดรับในปี {year} (ปีนี้เปิดรับ: {open})",
                     "the category '{category}' is not open in {year} (open: {open})"),
    "server_error": ("ระบบขัดข้อง กรุณาลองใหม่ภายหลัง", "Something went wrong on our side; please try again later."),
}


def word(key: str, lang: str, **values) -> str:
    text = _WORDS[key][0 if lang == "th" else 1]
    return text.format(**values) if values else text


def pick_language(value) -> str:
    return value if value in LANGUAGES else "th"
