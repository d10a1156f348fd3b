from __future__ import annotations

import pytest

from styring.extraction.dates import find_deadlines, parse_date

PARSE = [
    ("innen 15. september 2024", 2024, "2024-09-15"),
    ("innan 1. oktober 2024", 2024, "2024-10-01"),
    ("senest 2. februar", 2024, "2024-02-02"),
    ("f.o.m. 1.9.2024", 2024, "2024-09-01"),
    ("innen utgangen av april", 2024, "2024-04-30"),
    ("innen utgangen av februar", 2024, "2024-02-29"),
    ("innen utgangen av 2024", 2023, "2024-12-31"),
    ("31.12.24", None, "2024-12-31"),
    ("01.03.2024", None, "2024-03-01"),
    ("1. tertial", 2024, "2024-04-30"),
    ("andre tertial 2024", None, "2024-08-31"),
    ("2. kvartal 2025", None, "2025-06-30"),
    ("15. \n\nseptember 2024", None, "2024-09-15"),
    ("5. des. 2024", None, "2024-12-05"),
    ("ingen dato her", 2024, None),
    ("31. februar 2024", 2024, None),
]


@pytest.mark.parametrize("expr, year, iso", PARSE)
def test_parse_date(expr, year, iso):
    assert parse_date(expr, year) == iso


DEADLINES = [
    ("Rapport skal sendes innen 15. september 2024.", ["2024-09-15"]),
    ("Innspill oversendes senest 2. februar 2024.", ["2024-02-02"]),
    ("Tilbudet skal etableres f.o.m. 1.9.2024.", ["2024-09-01"]),
    ("Oversikten skal oversendes eierne innen utgangen av april.", ["2024-04-30"]),
    ("I løpet av andre tertial 2024 skal foretakene ha kartlagt behovet.", ["2024-08-31"]),
    ("Helseforetakene må senest i løpet av 2. kvartal 2024 delta i pilot.", ["2024-06-30"]),
    ("Det bes om en underveisrapport 1. mai 2024.", ["2024-05-01"]),
    ("Frist for leveranse settes til 1. oktober 2024.", ["2024-10-01"]),
    ("Dei regionale helseføretaka skal innan 1. oktober 2024 melde tilbake.", ["2024-10-01"]),
    # not deadlines: past events, letters, meetings, board decisions, vague times
    ("De leverte en statusrapport 1. desember 2023.", []),
    ("Det vises til brev av 8. februar 2024 til politidistriktene.", []),
    ("Styret behandlet saken i styremøtet 21. juni 2024.", []),
    ("Det vises til foretaksmøtet 13. juni 2024, sak 8.", []),
    ("Nasjonal implementering skjer primo 2025, og planen kommer våren 2025.", []),
    ("Arbeidet skal skje i løpet av året.", []),
    ("Beslutningsforum traff beslutning i møtet 31.5.2021.", []),
]


@pytest.mark.parametrize("text, expected", DEADLINES)
def test_deadlines(text, expected):
    assert find_deadlines(text, 2024) == expected


def test_deadlines_inside_quotations_are_skipped():
    text = "«De regionale helseforetakene skal innen 1. oktober 2024 melde tilbake.» Helseforetakene skal delta."
    from styring.extraction.rules.fields import deadlines_of

    assert deadlines_of(text, 2024) == []
