"""The screening checks of the labeling guide (section 4), detected in the text with evidence.

Each detector reads the normalised text (so PDF artefacts are already repaired and Thai
digits are Arabic) and returns present / missing / unclear with the matched span."""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Check", "run_checks", "CHECK_NAMES", "checks_for_category"]

PRESENT, MISSING, UNCLEAR = "present", "missing", "unclear"

CHECK_NAMES = {
    "duration": ("ดำเนินการมาแล้วอย่างน้อย 1 ปีอย่างต่อเนื่อง", "ran at least one year, continuously"),
    "problem": ("อธิบายที่มา/ปัญหา และเหตุที่ต้องใช้การมีส่วนร่วม", "problem and why participation was needed"),
    "stakeholders": ("ระบุกลุ่มผู้มีส่วนได้ส่วนเสียหลัก", "key stakeholder groups named"),
    "results": ("ผลลัพธ์เป็นตัวเลข และเปรียบเทียบก่อน/หลัง", "results with figures and before/after"),
    "organisation_wide": ("เป็นระบบของทั้งองค์กร ไม่ใช่โครงการเดียว", "organisation-wide, not one project"),
    "previous_award": ("เคยได้รับรางวัลมาก่อน", "a previous award"),
    "expansion": ("ขยายผลไปพื้นที่ใหม่หรือพัฒนาต่อยอด", "extended to new areas or developed further"),
    "poverty_targets": ("มีเป้าหมายด้านความยากจน (ครัวเรือน รายได้ หนี้สิน)", "poverty targets (households, income, debt)"),
}


@dataclass
class Check:
    name: str
    status: str
    evidence: str = ""


def _span(text: str, match: re.Match, width: int = 30) -> str:
    start, end = max(0, match.start() - width), min(len(text), match.end() + width)
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


_YEAR = r"(?:พ\.?\s?ศ\.?\s?)?((?:25[4-9]\d)|(?:20[0-4]\d))"
_YEAR_RANGE = re.compile(rf"{_YEAR}\s*(?:-|–|—|ถึง|จนถึง|ถึงปี|-ปี)\s*(?:ปี\s*)?{_YEAR}")
_SINCE = re.compile(rf"(?:ตั้งแต่|เริ่ม(?:ดำเนินการ|ต้น)?(?:ใน|เมื่อ)?|นับจาก)\s*(?:ปี\s*(?:งบประมาณ\s*)?|เดือน\s*\S+\s*)?{_YEAR}")
_DURATION = re.compile(r"(?:ต่อเนื่อง|ติดต่อกัน|มาแล้ว|เป็นเวลา|กว่า|ระยะเวลา|ผ่านมา|ผ่านไป|หลังดำเนินการ|ดำเนินการมา|ดำเนินงานมา|รวม)"
                       r"\s*(?:มา(?:แล้ว)?\s*)?(?:เป็นเวลา\s*)?(?:กว่า\s*)?(?:ได้\s*)?(\d+)\s*ปี"
                       r"|(?:ปีที่|เข้าสู่ปีที่)\s*(2|3|4|5|6|7|8|9|สอง|สาม|สี่|ห้า)")
_ANY_YEAR = re.compile(_YEAR)
_CONTINUOUS = re.compile(r"ต่อเนื่อง|ทุกปี|ปีละ|ประจำปี|ติดต่อกัน")


def _to_be(year: str) -> int:
    value = int(year)
    return value + 543 if value < 2400 else value


def check_duration(text: str) -> Check:
    for match in _DURATION.finditer(text):
        if match.group(2) or int(match.group(1)) >= 1:
            return Check("duration", PRESENT, _span(text, match))
    for match in _YEAR_RANGE.finditer(text):
        if _to_be(match.group(2)) - _to_be(match.group(1)) >= 1:
            return Check("duration", PRESENT, _span(text, match))
    since = _SINCE.search(text)
    years = sorted({_to_be(m.group(1)) for m in _ANY_YEAR.finditer(text)})
    if since and years and max(years) - _to_be(since.group(1)) >= 1:
        return Check("duration", PRESENT, _span(text, since))
    if len(years) >= 2 and years[-1] - years[0] >= 1 and _CONTINUOUS.search(text):
        match = _ANY_YEAR.search(text)
        return Check("duration", PRESENT, _span(text, match))
    if years or since:
        match = since or _ANY_YEAR.search(text)
        return Check("duration", UNCLEAR, _span(text, match))
    return Check("duration", MISSING)


# A problem is named by these words, or shown by a cause and the agency's response to it ("...จึง...").
_PROBLEM = re.compile(r"ปัญหา|เดือดร้อน|ประสบ|ขาดแคลน|ขาดการ|ไม่เพียงพอ|ไม่พอ|ร้องเรียน|ล่าช้า|เสี่ยง|ผลกระทบ|ที่มา|สาเหตุ"
                      r"|เนื่องจาก|ไม่ทราบ|ไม่รู้|ไม่สามารถ|ไม่ทั่วถึง|ไม่ได้|ไม่ตรงกัน|ไม่มี|เดิม|ยากจน|หนี้|น้ำท่วม|ภัยแล้ง"
                      r"|เสื่อมโทรม|\Sจึง")
_NEED_PARTICIPATION = re.compile(
    r"ลำพัง|ฝ่ายเดียว|(?:จำเป็น|ต้อง)(?:ต้อง)?(?:อาศัย|ได้รับ|ให้)?\S{0,12}(?:ความร่วมมือ|มีส่วนร่วม|ชุมชน|ประชาชน|ภาคี|ทุกภาคส่วน)"
    r"|ไม่สามารถ\S{0,30}(?:เพียง|คนเดียว|หน่วยงานเดียว)|หน่วยงานเดียว|ต้องอาศัย|ต้องร่วมกัน|ทุกภาคส่วน"
    r"|จึง(?:ชวน|ชักชวน|เชิญ|ร่วมกับ|ประสาน|ให้(?:ชุมชน|ชาวบ้าน|ประชาชน|ผู้)|เปิดให้|ตั้ง(?:คณะ|กลุ่ม|เครือข่าย)|จัดตั้ง(?:คณะ|กลุ่ม|เครือข่าย))"
    r"|คนที่รู้\S{0,20}ดีที่สุด|รู้ปัญหาดีที่สุด")


def check_problem(text: str) -> Check:
    problem = _PROBLEM.search(text)
    need = _NEED_PARTICIPATION.search(text)
    if problem and need:
        return Check("problem", PRESENT, _span(text, need))
    if problem:
        return Check("problem", UNCLEAR, _span(text, problem))
    return Check("problem", MISSING)


_GROUPS = {
    "residents": r"ประชาชน|ชาวบ้าน|ชุมชน|ผู้อยู่อาศัย|ราษฎร|ครัวเรือน",
    "farmers": r"เกษตรกร|ชาวนา|ชาวสวน|ชาวประมง|ผู้เลี้ยง",
    "patients": r"ผู้ป่วย|ผู้สูงอายุ|ผู้พิการ|คนพิการ|ผู้ดูแล|ญาติ",
    "volunteers": r"อสม\.?|อาสาสมัคร|จิตอาสา",
    "leaders": r"ผู้นำชุมชน|กำนัน|ผู้ใหญ่บ้าน|ผู้นำศาสนา|อิหม่าม|ปราชญ์|พระสงฆ์|แกนนำ",
    "local_government": r"อปท\.?|อบต\.?|เทศบาล|อบจ\.?|องค์กรปกครองส่วนท้องถิ่น",
    "agencies": r"ส่วนราชการ|หน่วยงานภาครัฐ|หน่วยงานที่เกี่ยวข้อง|โรงพยาบาล|รพ\.สต\.|โรงเรียน|สถานศึกษา|มหาวิทยาลัย|อำเภอ|จังหวัด",
    "private": r"ภาคเอกชน|เอกชน|ผู้ประกอบการ|บริษัท|ร้านค้า|หอการค้า|สภาอุตสาหกรรม",
    "civil_society": r"ภาคประชาสังคม|มูลนิธิ|สมาคม|เครือข่าย|วิสาหกิจชุมชน|กลุ่มอาชีพ|สหกรณ์",
    "students": r"นักเรียน|นักศึกษา|เยาวชน|ครู|ผู้ปกครอง",
    "users": r"ผู้รับบริการ|ผู้ใช้บริการ|ผู้ใช้น้ำ|ผู้ใช้ไฟ|ลูกค้า|นักท่องเที่ยว|แรงงาน|ลูกจ้าง|นายจ้าง|ผู้ประกันตน",
}
_GROUP_PATTERNS = {name: re.compile(pattern) for name, pattern in _GROUPS.items()}
_STAKEHOLDER_ANALYSIS = re.compile(r"ผู้มีส่วนได้ส่วนเสีย|stakeholder|กลุ่มเป้าหมาย(?:หลัก)?", re.IGNORECASE)


def check_stakeholders(text: str) -> Check:
    found = [(name, pattern.search(text)) for name, pattern in _GROUP_PATTERNS.items()]
    found = [(name, match) for name, match in found if match]
    analysis = _STAKEHOLDER_ANALYSIS.search(text)
    if len(found) >= 2 or (found and analysis):
        first = min((m for _, m in found), key=lambda m: m.start())
        return Check("stakeholders", PRESENT, ", ".join(sorted({m.group(0) for _, m in found}))[:120]
                     or _span(text, first))
    if found or analysis:
        return Check("stakeholders", UNCLEAR, _span(text, found[0][1] if found else analysis))
    return Check("stakeholders", MISSING)


_FIGURE = re.compile(r"(?:ร้อยละ\s*\d[\d,.]*|\d[\d,.]*\s*(?:%|ราย|คน|ครัวเรือน|บาท|ล้าน|ไร่|ตัน|แห่ง|ครั้ง|วัน|นาที|ชั่วโมง|กิโลกรัม|หมู่บ้าน|ชุมชน|เท่า|กลุ่ม|ราย))")
_BEFORE_AFTER = re.compile(r"จากเดิม|เดิม\S{0,20}\d|ก่อน(?:ดำเนินการ|โครงการ|เริ่ม|หน้า)|หลัง(?:ดำเนินการ|โครงการ|จาก)|เพิ่มขึ้น|ลดลง|ลดเหลือ|เหลือเพียง|จาก\s*\d[\d,.]*\s*\S{0,12}\s*(?:เป็น|เหลือ|เพิ่มเป็น|ลดเป็น)|เทียบกับ|เปรียบเทียบ")


def check_results(text: str) -> Check:
    figure = _FIGURE.search(text)
    before_after = _BEFORE_AFTER.search(text)
    if figure and before_after:
        return Check("results", PRESENT, _span(text, before_after))
    if figure or before_after:
        return Check("results", UNCLEAR, _span(text, figure or before_after))
    return Check("results", MISSING)


_ORG_WIDE = re.compile(r"ทั้งองค์กร|ทุกกอง|ทุกสำนัก|ทุกหน่วยงาน(?:ใน|ภายใน|ใน\S{0,10}สังกัด)|ทุกส่วนราชการ|ภาพรวม(?:ของ)?(?:องค์กร|หน่วยงาน)|ทุกสาขา|ทุกฝ่าย|ทุกกลุ่มงาน|ทั่วทั้ง(?:องค์กร|หน่วยงาน)|ระดับองค์กร|ทุกแห่ง|ทุกเขต|ทุกศูนย์")
_ONE_PROJECT = re.compile(r"โครงการ")


def check_organisation_wide(text: str) -> Check:
    match = _ORG_WIDE.search(text)
    if match:
        return Check("organisation_wide", PRESENT, _span(text, match))
    if _ONE_PROJECT.search(text):
        return Check("organisation_wide", MISSING)
    return Check("organisation_wide", UNCLEAR)


_AWARD = re.compile(rf"(?:ได้รับ|คว้า)รางวัล\S{{0,60}}|รางวัล(?:เลิศรัฐ|บริหารราชการแบบมีส่วนร่วม|การบริหารราชการแบบมีส่วนร่วม)\S{{0,30}}")
_EXPANSION = re.compile(r"ขยายผล|ขยายพื้นที่|ขยาย(?:ไป|สู่)|ต่อยอด|พื้นที่ใหม่|ถอดบทเรียน\S{0,20}(?:ไป|สู่)|นำไปใช้(?:ใน|ที่)")


def check_previous_award(text: str) -> Check:
    match = _AWARD.search(text)
    return Check("previous_award", PRESENT, _span(text, match)) if match else Check("previous_award", MISSING)


def check_expansion(text: str) -> Check:
    match = _EXPANSION.search(text)
    return Check("expansion", PRESENT, _span(text, match)) if match else Check("expansion", MISSING)


_POVERTY = re.compile(r"ยากจน|ความจน|คนจน|แก้จน|หนี้สิน|หนี้นอกระบบ|ภาระหนี้|TPMAP|ครัวเรือนเป้าหมาย|รายได้(?:เฉลี่ย|ครัวเรือน|เพิ่ม)|จปฐ|เปราะบาง|ผู้มีรายได้น้อย|บัตรสวัสดิการแห่งรัฐ", re.IGNORECASE)


def check_poverty_targets(text: str) -> Check:
    matches = list(_POVERTY.finditer(text))
    if len({m.group(0) for m in matches}) >= 2:
        return Check("poverty_targets", PRESENT, _span(text, matches[0]))
    if matches:
        return Check("poverty_targets", UNCLEAR, _span(text, matches[0]))
    return Check("poverty_targets", MISSING)


_GENERAL = (check_duration, check_problem, check_stakeholders, check_results)
_BY_CATEGORY = {
    "open_governance": (check_organisation_wide,),
    "participation_expanded": (check_previous_award, check_expansion),
    "poverty_collaboration": (check_poverty_targets,),
}


def checks_for_category(category: str):
    return _GENERAL + _BY_CATEGORY.get(category, ())


def run_checks(text: str, categories) -> list[Check]:
    """The general checks plus those of each named category, each once."""
    detectors = []
    for category in categories:
        for detector in checks_for_category(category):
            if detector not in detectors:
                detectors.append(detector)
    if not detectors:
        detectors = list(_GENERAL)
    return [detector(text) for detector in detectors]
