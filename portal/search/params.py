"""Search parameters from a query string, with labels for the facets."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.reference import counties, cpv_divisions
from portal.search.backend import FACETS, SORTS

TYPES = ("need", "supplier")
MAX_QUERY = 200
# CPV suggestions: a GET URL must fit gunicorn's request line (4094 bytes) even with every character
# percent-encoded; longer texts go in a POST body.
CPV_GET_MAX = 300
CPV_POST_MAX = 10_000
MAX_WORDS = 12  # each word adds synonyms, compound parts and spelling variants to the query tree
MAX_VALUES = 20  # per filter


@dataclass
class SearchParams:
    q: str = ""
    type: str = "need"
    sort: str = "relevance"
    filters: dict[str, list[str]] = field(default_factory=dict)

    def args(self, **changes) -> dict:
        """Query-string arguments for a URL (for links that add or remove a filter)."""
        out = {"q": self.q or None, "type": self.type,
               "sort": self.sort if self.sort != "relevance" else None}
        out.update({k: v for k, v in self.filters.items() if v})
        out.update(changes)
        return {k: v for k, v in out.items() if v not in (None, [], "")}

    def toggled(self, name: str, value: str) -> dict:
        current = list(self.filters.get(name, []))
        current = [v for v in current if v != value] if value in current else current + [value]
        return self.args(**{name: current})


def facet_values(name: str) -> dict[str, str]:
    """The allowed values of a facet and their labels."""
    from portal.needs.labels import KIND_LABELS, STATUS_LABELS
    from portal.suppliers.choices import CERTIFICATIONS, SIZE_SHORT

    if name == "kind":
        return {k.value: str(v) for k, v in KIND_LABELS.items()}
    if name == "status":
        return {k.value: str(v) for k, v in STATUS_LABELS.items() if k.value != "draft"}
    if name == "county":
        return dict(counties())
    if name == "division":
        return {k: f"{k} {v}" for k, v in cpv_divisions().items()}
    if name == "size":
        return {k: str(v) for k, v in SIZE_SHORT.items()}
    if name == "social":
        return {"1": _("Sosial entreprenør")}
    if name == "cert":
        return dict(CERTIFICATIONS)
    return {}


FACET_TITLES = {
    "kind": _l("Type"), "status": _l("Status"), "county": _l("Fylke"), "division": _l("Bransje (CPV)"),
    "size": _l("Størrelse"), "social": _l("Sosialt entreprenørskap"), "cert": _l("Sertifisering"),
}
SORT_LABELS = {"relevance": _l("Relevans"), "newest": _l("Nyeste"), "planned": _l("Planlagt dato")}


def parse(args) -> tuple[SearchParams, dict[str, str]]:
    """Parameters and errors (parameter → Norwegian message); unknown values are left out."""
    p, errors = SearchParams(), {}
    typed = (args.get("q") or "").split()
    if len(typed) > MAX_WORDS:
        errors["q"] = _("Søket kan ha høyst %(max)d ord.", max=MAX_WORDS)
    p.q = " ".join(typed[:MAX_WORDS])[:MAX_QUERY]
    doc_type = args.get("type") or "need"
    if doc_type not in TYPES:
        errors["type"] = _("type må være need eller supplier.")
    else:
        p.type = doc_type
    sort = args.get("sort") or "relevance"
    if sort not in SORTS:
        errors["sort"] = _("sort må være relevance, newest eller planned.")
    else:
        p.sort = sort
    # Every facet's values are checked, also those the other type ignores: a typo is never silently dropped.
    for name in dict.fromkeys(n for names in FACETS.values() for n in names):
        values = [v.strip() for v in args.getlist(name) if v.strip()]
        if not values:
            continue
        allowed = facet_values(name)
        bad = [v for v in values if v not in allowed]
        if bad:
            errors[name] = _("Ukjent verdi for %(name)s: %(value)s", name=name, value=bad[0][:40])
        known = [v for v in values if v in allowed]
        if len(known) > MAX_VALUES:
            errors[name] = _("Du kan velge høyst %(max)d verdier for %(name)s.", max=MAX_VALUES,
                             name=FACET_TITLES.get(name, name))
        if name in FACETS[p.type]:
            p.filters[name] = known[:MAX_VALUES]
    return p, errors
