"""How complete a supplier profile is, with a hint for every missing part."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass
class Completeness:
    percent: int
    missing: list  # hints (lazy strings) for what to add next

    @property
    def is_complete(self) -> bool:
        return not self.missing


def completeness(profile) -> Completeness:
    checks = [
        (len((profile.capability_md or "").strip()) >= 100,
         _l("Beskriv hva dere kan med minst noen setninger (kompetanse og kapasitet).")),
        (bool((profile.products_services or "").strip()), _l("List opp produktene og tjenestene deres.")),
        (bool(profile.cpvs), _l("Legg til CPV-koder, så finner innkjøpere og varsler dere.")),
        (profile.is_nationwide or bool(profile.areas), _l("Velg hvor dere leverer (kommuner, fylker eller hele landet).")),
        (profile.size is not None, _l("Velg størrelsen på virksomheten.")),
        (bool(profile.contact_name and profile.contact_email), _l("Oppgi kontaktperson med e-post.")),
        (bool(profile.website), _l("Legg inn nettsiden deres.")),
        (bool(profile.logo_name), _l("Last opp en logo.")),
        (bool(profile.references), _l("Legg til minst én referanse fra en tidligere leveranse.")),
        (bool(profile.languages), _l("Velg hvilke språk dere kan levere på.")),
    ]
    done = sum(1 for ok, _hint in checks if ok)
    return Completeness(round(100 * done / len(checks)), [hint for ok, hint in checks if not ok])
