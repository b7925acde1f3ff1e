"""The label sets: ordered participation levels and the award categories valid in each year.

Everything comes from `data/taxonomy.json`, so a new year's categories are one entry
there (see README, "Adding a year")."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .errors import DataError

__all__ = ["Taxonomy", "load_taxonomy", "LEVELS"]


@dataclass(frozen=True)
class Taxonomy:
    levels: tuple[str, ...]
    level_names: dict
    categories: tuple[str, ...]
    category_info: dict
    years: dict

    @property
    def newest_year(self) -> int:
        return max(self.years)

    def categories_for(self, year: int | None) -> tuple[str, ...]:
        year = self.newest_year if year is None else int(year)
        if year not in self.years:
            known = ", ".join(str(y) for y in sorted(self.years))
            raise DataError(f"year {year} is not in the taxonomy (known: {known}); "
                            "add it to classifier/data/taxonomy.json")
        return self.years[year]

    def level_rank(self, level: str) -> int:
        return self.levels.index(level)

    def thai_name(self, label: str) -> str:
        if label in self.level_names:
            return self.level_names[label]["th"]
        return self.category_info[label]["th"]

    def english_name(self, label: str) -> str:
        if label in self.level_names:
            return self.level_names[label]["en"]
        return self.category_info[label]["en"]


def _from_dict(raw: dict) -> Taxonomy:
    levels = tuple(entry["id"] for entry in raw["levels"])
    categories = tuple(raw["categories"])
    years = {int(year): tuple(cats) for year, cats in raw["years"].items()}
    for year, cats in years.items():
        unknown = set(cats) - set(categories)
        if unknown:
            raise DataError(f"taxonomy year {year} names unknown categories {sorted(unknown)}; "
                            "define them under 'categories' first")
    return Taxonomy(levels=levels, level_names={e["id"]: e for e in raw["levels"]},
                    categories=categories, category_info=raw["categories"], years=years)


@lru_cache(maxsize=1)
def load_taxonomy() -> Taxonomy:
    raw = json.loads(resources.files("classifier").joinpath("data/taxonomy.json").read_text("utf-8"))
    return _from_dict(raw)


LEVELS = load_taxonomy().levels
