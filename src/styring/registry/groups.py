"""Group words the documents use for several organisations at once.

Each group: the words (bokmål and nynorsk, singular/plural forms as they occur) and who it means.
``None`` as members means "the document's addressees" (resolved from context by the caller).
"""
from __future__ import annotations

RHFS = ("HN", "HMN", "HV", "HSO")
JOINTLY_OWNED = ("SB", "PR", "SYKI", "LAT", "HDO")

# name → (words, members or None for addressees, region the words apply in or None for everywhere)
GROUPS: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None, str | None]] = {
    "de regionale helseforetakene": (
        (
            "de regionale helseforetakene", "de fire regionale helseforetakene", "regionale helseforetak",
            "dei regionale helseføretaka", "dei fire regionale helseføretaka", "regionale helseføretak",
            "alle regionale helseforetak", "alle regionale helseføretak",
        ),
        RHFS,
        None,
    ),
    "de felleseide helseforetakene": (
        (
            "de felleseide helseforetakene", "felleseide helseforetak", "dei felleseigde helseføretaka",
            "felleseigde helseføretak",
        ),
        JOINTLY_OWNED,
        None,
    ),
    "sykehusforetakene i Helse Nord": (
        ("sykehusforetakene", "sykehusforetak", "sjukehusføretaka", "sjukehusføretak"),
        ("FIN", "UNN", "NLSH", "HSYK"),
        "HN",
    ),
    "helseforetakene": (
        (
            "helseforetakene", "alle helseforetak", "alle helseforetakene", "helseforetaket",
            "helseføretaka", "alle helseføretak", "alle helseføretaka", "helseføretaket", "øvrige",
        ),
        None,
        None,
    ),
}


# Nynorsk and other spellings of names whose register entries are bokmål only.
NYNORSK_NAMES: dict[str, str] = {
    "Helse Sør-Aust": "HSO", "Helse Sør-Aust RHF": "HSO", "Helse Midt-Noreg": "HMN", "Helse Midt-Noreg RHF": "HMN",
    "Universitetssjukehuset Nord-Noreg": "UNN", "Universitetssjukehuset Nord-Noreg HF": "UNN",
    "Oslo universitetssjukehus": "OUS", "Oslo universitetssjukehus HF": "OUS",
    "Helse- og omsorgsdepartementet": "HOD",
}
