"""Reference data: the 2024 municipalities and counties, and the CPV 2008 vocabulary."""

import json
import re
from functools import cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
CPV_RE = re.compile(r"^\s*(\d{8})(?:-\d)?\s*$")


@cache
def _geo() -> list[dict]:
    return json.loads((DATA / "municipalities_2024.json").read_text(encoding="utf-8"))


@cache
def counties() -> dict[str, str]:
    """County number → name."""
    return {c["county_number"]: c["county"] for c in _geo()}


@cache
def municipalities() -> dict[str, tuple[str, str]]:
    """Municipality number → (name, county number)."""
    return {m["number"]: (m["name"], c["county_number"]) for c in _geo() for m in c["municipalities"]}


def municipality_name(number: str | None) -> str:
    return municipalities().get(number or "", ("", ""))[0]


def county_of(municipality: str | None) -> str | None:
    found = municipalities().get(municipality or "")
    return found[1] if found else None


def municipality_choices() -> list[tuple[str, str]]:
    """(number, "Name (County)") sorted by name, for select fields."""
    cs = counties()
    return sorted(
        ((num, f"{name} ({cs[county]})") for num, (name, county) in municipalities().items()),
        key=lambda c: c[1],
    )


@cache
def cpv() -> dict[str, dict]:
    """CPV code (8 digits, no check digit) → {"no": label, "en": label}."""
    rows = json.loads((DATA / "cpv_2008.json").read_text(encoding="utf-8"))
    return {r["code"]: {"no": r["no"] or r["en"], "en": r["en"]} for r in rows}


def normalise_cpv(value: str) -> str | None:
    """Return the 8-digit code for '45000000' or '45000000-7' if it exists, else None."""
    m = CPV_RE.match(value or "")
    return m.group(1) if m and m.group(1) in cpv() else None


def cpv_label(code: str, locale: str = "nb") -> str:
    entry = cpv().get(code)
    if not entry:
        return code
    return entry["en"] if locale == "en" else entry["no"]


def cpv_division(code: str) -> str:
    return code[:2]


@cache
def cpv_divisions() -> dict[str, str]:
    """Division (2 digits) → Norwegian label of its top code."""
    return {code[:2]: e["no"] for code, e in cpv().items() if code[2:] == "000000"}


def cpv_search(text: str, limit: int = 20, locale: str = "nb") -> list[tuple[str, str]]:
    """Find CPV codes by code prefix or by words in the Norwegian/English labels."""
    text = (text or "").strip().lower()
    if not text:
        return []
    digits = text.split("-")[0]
    if digits.isdigit():
        hits = [c for c in cpv() if c.startswith(digits)]
    else:
        words = text.split()
        hits = [
            c for c, e in cpv().items()
            if all(w in (e["no"] + " " + e["en"]).lower() for w in words)
        ]
        hits.sort(key=lambda c: (len(cpv()[c]["no"]), c))
    return [(c, cpv_label(c, locale)) for c in hits[:limit]]
