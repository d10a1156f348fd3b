"""Document families as profiles: which family a document belongs to, read from its own signals
(the words its title opens with, who gives it), and what that changes in the rules. A profile is
data over the same rules; a document that fits none gets the generic profile.

- ministry oppdragsdokument (HOD → one RHF), foretaksmøte protocol, tilleggsdokument, an RHF's
  styringskrav / oppdrag og bestilling / styringsdokument, an order to a jointly owned trust (several
  owners give it), a target picture (målbilde) for one or more jointly owned trusts.
- ``lead_in_lists``: a lead-in line that ends with a colon ("Reiser med rekvisisjon:", "Foretaksmøtet
  la til grunn at X skal:") opens a list of items anywhere in the document — not only in a section
  for one trust, where it always does.
- ``main_goals``: whether chapters may be hovedmål chapters (a protocol's "Sak" headings are not).
- ``section_prose``: whether the paragraphs of a section headed by a trust's name are its tasks (in a
  target picture they describe the trust; its goals are the listed states).
- ``list_kind``: the kind of the items such a list holds: a target picture's listed states are goals
  (with or without "skal"); elsewhere they are tasks.
"""
from __future__ import annotations

from dataclasses import dataclass

from styring.extraction import lexicon as lx


@dataclass(frozen=True)
class Profile:
    name: str
    title: str | None = None  # the lexicon class of the family's title words
    list_kind: str = "assignment"
    lead_in_lists: bool = False
    joint: bool = False  # given by several owners together
    main_goals: bool = True  # chapters may be hovedmål chapters (a protocol's "Sak" headings never are)
    section_prose: bool = True  # a trust's section's paragraphs that tell it to act are its tasks


GENERIC = Profile("generic")
PROFILES = (
    Profile("target_picture", "family_target_picture", list_kind="goal", lead_in_lists=True, section_prose=False),
    Profile("protocol", "family_protocol", lead_in_lists=True, main_goals=False),
    Profile("supplement", "family_supplement"),
    Profile("ministry", "family_ministry"),
    Profile("joint_order", "family_rhf_steering", joint=True),
    Profile("rhf_steering", "family_rhf_steering"),
)


def _title_lines(text: str, n: int = 3) -> list[str]:
    return [" ".join(ln.split()) for ln in text[:2000].split("\n") if ln.strip()][:n]


def choose(text: str, issuer: list[str]) -> Profile:
    """The family of a document from its title (its first lines) and who gives it."""
    lines = _title_lines(text)
    for profile in PROFILES:
        if profile.title is None or profile.joint and len(issuer) < 2:
            continue
        if any(lx.matches(profile.title, line) for line in lines):
            return profile
    return GENERIC
