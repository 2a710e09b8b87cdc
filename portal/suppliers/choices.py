"""Fixed lists for supplier profiles: certifications, target groups, languages, size classes."""

import re

from flask_babel import lazy_gettext as _l

# key → display name (proper names, not translated)
CERTIFICATIONS = {
    "miljofyrtarn": "Miljøfyrtårn",
    "iso14001": "ISO 14001",
    "iso9001": "ISO 9001",
    "emas": "EMAS",
    "svanemerket": "Svanemerket",
    "laerebedrift": "Godkjent lærebedrift",
    "startbank": "StartBANK",
}

SIZE_LABELS = {
    "micro": _l("Mikro (under 10 ansatte)"),
    "small": _l("Liten (under 50 ansatte)"),
    "medium": _l("Mellomstor (under 250 ansatte)"),
    "large": _l("Stor (250 ansatte eller mer)"),
}
SIZE_SHORT = {
    "micro": _l("Mikro"),
    "small": _l("Liten"),
    "medium": _l("Mellomstor"),
    "large": _l("Stor"),
}
SME_EXPLANATION = _l(
    "EUs definisjon av små og mellomstore bedrifter (SMB): mikro – under 10 ansatte og omsetning eller "
    "balanse på høyst 2 millioner euro; liten – under 50 ansatte og høyst 10 millioner euro; mellomstor – "
    "under 250 ansatte og omsetning på høyst 50 millioner euro eller balanse på høyst 43 millioner euro. "
    "Større virksomheter er «stor»."
)

TARGET_GROUPS = {
    "arbeidsinkludering": _l("Arbeidsinkludering (personer utenfor arbeidslivet)"),
    "nedsatt_funksjonsevne": _l("Personer med nedsatt funksjonsevne"),
    "unge": _l("Unge som står utenfor skole og arbeid"),
    "innvandrere": _l("Innvandrere og flyktninger"),
    "rus_psykisk": _l("Personer med rus- eller psykiske helseutfordringer"),
    "tidligere_innsatte": _l("Tidligere innsatte"),
    "eldre": _l("Eldre og ensomme"),
    "miljo": _l("Miljø og sirkulær økonomi"),
}

LANGUAGES = {
    "nb": _l("Norsk bokmål"),
    "nn": _l("Norsk nynorsk"),
    "se": _l("Nordsamisk"),
    "en": _l("Engelsk"),
    "sv": _l("Svensk"),
    "da": _l("Dansk"),
    "de": _l("Tysk"),
    "pl": _l("Polsk"),
    "lt": _l("Litauisk"),
    "ar": _l("Arabisk"),
    "so": _l("Somali"),
    "uk": _l("Ukrainsk"),
}


def _squash(value: str) -> str:
    value = value.lower().replace("ø", "o").replace("å", "a").replace("æ", "ae")
    return re.sub(r"[^a-z0-9]", "", value)


_CERT_LOOKUP = {_squash(k): k for k in CERTIFICATIONS} | {_squash(v): k for k, v in CERTIFICATIONS.items()}
_CERT_LOOKUP |= {"lrebedrift": "laerebedrift", "laerlingbedrift": "laerebedrift", "miljofyrtaarn": "miljofyrtarn"}


def certification_key(value: str) -> str | None:
    """'ISO 14001', 'iso14001', 'Miljøfyrtårn' → the certification key, or None if unknown."""
    if not isinstance(value, str):
        return None
    return _CERT_LOOKUP.get(_squash(value))


def certification_label(key: str) -> str:
    return CERTIFICATIONS.get(key, key)
