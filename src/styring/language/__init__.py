"""Bokmål and nynorsk as one language for matching: the same word in either written form folds to
one key, so a rule, a search or a comparison written in one form finds the other.

Pure Python, no Django. Two parts:

* spelling rules for the regular differences (``sjukehus``/``sykehus``, ``teneste``/``tjeneste``,
  ``føretak``/``foretak``, ``-leg``/``-lig``, ``-kj-``/``-k-``, ``au``/``ø``, the plural endings
  ``-ar``/``-er``, ``-ane``/``-ene``, ``-a``/``-ene``);
* a small lexicon of the administrative words that differ by more than spelling (``leiing``/
  ``ledelse``, ``forsking``/``forskning``, ``pasienttryggleik``/``pasientsikkerhet``, ``ikkje``,
  ``frå``, ``dei``, ``eit`` …).

``fold(word)`` gives the key of one word; ``fold_text(text)`` the keys of a text joined by spaces
(for regular expressions written in bokmål); ``same_word(a, b)`` compares two words. ``stem(word)``
adds bokmål stemming to the key and ``terms(text)`` gives a text's stems without function words:
the analysis search and the cascade's text similarity share. ``index_terms(text)`` adds what the
search index holds beside them: the keys of compounds' parts (split at ``data/parts.txt``) and an
abbreviation's long form and back (``ABBREVIATIONS``), so a query's ``terms`` find them.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import snowballstemmer

# Nynorsk words (and inflections) that differ from bokmål by more than the rules below; the value
# is the bokmål form the key is made from. Administrative vocabulary of steering documents.
LEXICON: dict[str, str] = {
    # function words
    "ikkje": "ikke", "frå": "fra", "dei": "de", "eit": "et", "ein": "en", "ei": "en", "kva": "hva",
    "korleis": "hvordan", "kvifor": "hvorfor", "kven": "hvem", "kvar": "hver", "kvart": "hvert",
    "berre": "bare", "òg": "også", "noko": "noe", "nokre": "noen", "nokon": "noen", "mykje": "mye",
    "desse": "disse", "dette": "dette", "sjølv": "selv", "saman": "sammen", "innan": "innen",
    "seinast": "senest", "etter": "etter", "fyrst": "først", "fyrste": "første", "andre": "andre",
    "vere": "være", "vore": "vært", "blir": "blir", "vert": "blir", "verte": "bli", "vart": "ble",
    "ha": "ha", "hatt": "hatt", "gje": "gi", "gjeve": "gitt", "gjev": "gir", "gjevast": "gis",
    "me": "vi", "oss": "oss", "deira": "deres", "hennar": "hennes", "hans": "hans",
    "slik": "slik", "sidan": "siden", "utan": "uten", "mellom": "mellom", "under": "under",
    "medan": "mens", "difor": "derfor", "dersom": "dersom", "likevel": "likevel",
    # administrative words
    "leiing": "ledelse", "leiinga": "ledelsen", "leiar": "leder", "leiarar": "ledere", "leie": "lede",
    "leiast": "ledes", "forsking": "forskning", "forskinga": "forskningen", "tryggleik": "sikkerhet",
    "pasienttryggleik": "pasientsikkerhet", "pasienttryggleiken": "pasientsikkerheten",
    "betre": "bedre", "styrkje": "styrke", "styrkt": "styrket", "høgare": "høyere", "høg": "høy",
    "låg": "lav", "lågare": "lavere", "auke": "øke", "auka": "økt", "aukar": "øker", "auken": "økningen",
    "samanhengande": "sammenhengende", "samanlikna": "sammenlignet", "samanlikning": "sammenligning",
    "heilskapleg": "helhetlig", "heilskaplege": "helhetlige", "heile": "hele", "heil": "hel",
    "røynsle": "erfaring", "røynsler": "erfaringer", "verksemd": "virksomhet", "verksemda": "virksomheten",
    "arbeidet": "arbeidet", "oppgåve": "oppgave", "oppgåver": "oppgaver", "oppgåva": "oppgaven",
    "føresetnad": "forutsetning", "føresetnader": "forutsetninger", "føresett": "forutsatt",
    "løyving": "bevilgning", "løyvinga": "bevilgningen", "løyvingar": "bevilgninger",
    "basisløyving": "basisbevilgning", "tilskot": "tilskudd", "tilskotet": "tilskuddet",
    "tilskota": "tilskuddene", "midlar": "midler", "kroner": "kroner", "tildelt": "tildelt",
    "sjukdom": "sykdom", "sjukdomar": "sykdommer", "helsesjukepleiar": "helsesykepleier",
    "sjukepleiar": "sykepleier", "sjukepleiarar": "sykepleiere", "lege": "lege", "legar": "leger",
    "månad": "måned", "månader": "måneder", "månadleg": "månedlig", "årleg": "årlig", "årlege": "årlige",
    "veke": "uke", "veker": "uker", "dag": "dag", "dagar": "dager", "kvardag": "hverdag",
    "oppfølging": "oppfølging", "følgje": "følge", "følgjer": "følger", "leggje": "legge",
    "gjere": "gjøre", "gjer": "gjør", "gjort": "gjort", "syte": "sørge", "sjå": "se", "sett": "sett",
    "tenkje": "tenke", "byggje": "bygge", "byggjer": "bygger", "utgreie": "utrede", "utgreiing": "utredning",
    "vurdere": "vurdere", "rapportere": "rapportere", "gjennomføre": "gjennomføre", "greie": "klare",
    "nynorsk": "nynorsk", "noreg": "norge", "aust": "øst", "sør-aust": "sør-øst", "midt-noreg": "midt-norge",
    "kommunane": "kommunene", "kommunar": "kommuner", "fylkeskommunane": "fylkeskommunene",
    "barn": "barn", "unge": "unge", "vaksne": "voksne", "eldre": "eldre", "pårørande": "pårørende",
    "brukarar": "brukere", "brukar": "bruker", "tilsette": "ansatte", "medarbeidarar": "medarbeidere",
    "styresmakter": "myndigheter", "styresmaktene": "myndighetene", "departementet": "departementet",
    "stortinget": "stortinget", "regjeringa": "regjeringen", "føretaksmøte": "foretaksmøte",
    "føretaksmøtet": "foretaksmøtet", "oppdraget": "oppdraget", "krava": "kravene", "kravet": "kravet",
    "mål": "mål", "måla": "målene", "hovudmål": "hovedmål", "hovudmåla": "hovedmålene",
    "indikatorar": "indikatorer", "indikatoren": "indikatoren", "kvalitative": "kvalitative",
    "ventetid": "ventetid", "ventetida": "ventetiden", "fristbrot": "fristbrudd", "pakkeforløpa": "pakkeforløpene",
    "innleiing": "innledning", "bakgrunn": "bakgrunn", "vedlegg": "vedlegg", "tabell": "tabell",
    "døme": "eksempel", "døgnbehandlinga": "døgnbehandlingen", "behandlinga": "behandlingen",
    "ansvar": "ansvar", "ansvaret": "ansvaret", "ansvarleg": "ansvarlig", "særleg": "særlig",
    "mogleg": "mulig", "moglegheit": "mulighet", "moglegheiter": "muligheter", "nødvendig": "nødvendig",
    "naudsynt": "nødvendig", "naudsynte": "nødvendige", "tilgjengeleg": "tilgjengelig", "eigen": "egen",
    "eige": "eget", "eigne": "egne", "eigar": "eier", "eigarar": "eiere", "eigarskap": "eierskap",
    "felleseigde": "felleseide", "felleseigd": "felleseid", "regionale": "regionale",
    "nasjonal": "nasjonal", "nasjonale": "nasjonale", "beredskap": "beredskap", "tiltak": "tiltak",
    "kunnskap": "kunnskap", "kompetanse": "kompetanse", "innovasjon": "innovasjon", "kvalitet": "kvalitet",
    "tilbod": "tilbud", "tilboda": "tilbudene", "tilbodet": "tilbudet", "bod": "bud", "rusbehandling": "rusbehandling",
    "tverrfagleg": "tverrfaglig", "fagleg": "faglig", "faglege": "faglige", "økonomisk": "økonomisk",
    "sikkerheitspsykiatri": "sikkerhetspsykiatri", "sikkerheit": "sikkerhet", "tryggleiken": "sikkerheten",
    "spesialisthelsetenesta": "spesialisthelsetjenesten", "helsetenesta": "helsetjenesten",
    "helsetenester": "helsetjenester", "tenestene": "tjenestene", "tenesta": "tjenesten",
    "helseføretaka": "helseforetakene", "helseføretaket": "helseforetaket", "føretaka": "foretakene",
    "sjukehusa": "sykehusene", "sjukehuset": "sykehuset",
    # more of the administrative vocabulary (each a word whose two forms differ by more than spelling)
    "løysing": "løsning", "løysinga": "løsningen", "løysingar": "løsninger", "rettleiing": "veiledning",
    "rettleiar": "veileder", "forbetre": "forbedre", "forbetring": "forbedring", "forbetringar": "forbedringer",
    "vidare": "videre", "vidareføre": "videreføre", "vidareført": "videreført", "vidareutvikle": "videreutvikle",
    "framleis": "fremdeles", "meir": "mer", "fleire": "flere", "einskild": "enkelt", "einskilde": "enkelte",
    "kvarandre": "hverandre", "dessutan": "dessuten", "elles": "ellers", "omsyn": "hensyn", "krevje": "kreve",
    "søkje": "søke", "sørgje": "sørge", "planleggje": "planlegge", "leggjast": "legges", "tilsett": "ansatt",
    "tilsetje": "ansette", "avgjerd": "avgjørelse", "avgjerder": "avgjørelser", "heilt": "helt",
    "høve": "anledning", "tilknytt": "tilknyttet", "knytt": "knyttet", "gjeld": "gjelder",
    "gjeldande": "gjeldende", "tenkjer": "tenker", "stette": "støtte", "spreiing": "spredning",
    "innhald": "innhold", "innhaldet": "innholdet", "utviklinga": "utviklingen", "tenesteyting": "tjenesteyting",
    "oppgåvedeling": "oppgavedeling", "kunstig": "kunstig", "intelligens": "intelligens",
    "ruslidingar": "ruslidelser", "liding": "lidelse", "lidingar": "lidelser", "plager": "plager",
    "barnevernsinstitusjonane": "barnevernsinstitusjonene", "sjukefråvær": "sykefravær", "fråvær": "fravær",
    "kjem": "kommer", "kome": "komme", "skil": "skiller", "vald": "vold", "trugsmål": "trusler",
    "truslar": "trusler", "hending": "hendelse", "hendingar": "hendelser", "uønskte": "uønskede",
    "beredskapslager": "beredskapslager", "forskrift": "forskrift", "lovverk": "lovverk",
    # bokmål plurals Snowball does not bring to their singular's key
    "jordmødre": "jordmor", "jordmødrene": "jordmor", "jordmødrer": "jordmor",
}

# Spelling rules: (nynorsk pattern, bokmål replacement), applied in order to a lower-case word
# that the lexicon does not know. They aim at one key for both forms, not at correct bokmål.
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"føretak"), "foretak"),
    (re.compile(r"^sjuk|(?<=[a-zæøå])sjuk"), "syk"),
    (re.compile(r"teneste"), "tjeneste"),
    (re.compile(r"tenest"), "tjenest"),
    (re.compile(r"tryggleik"), "sikkerhet"),
    (re.compile(r"forsking"), "forskning"),
    (re.compile(r"leiing"), "ledelse"),
    (re.compile(r"løyving"), "bevilgning"),
    (re.compile(r"tilskot"), "tilskudd"),
    (re.compile(r"verksemd"), "virksomhet"),
    (re.compile(r"heilskap"), "helhet"),
    (re.compile(r"tilbod"), "tilbud"),
    (re.compile(r"løysing"), "løsning"),
    (re.compile(r"oppgåve"), "oppgave"),
    (re.compile(r"forbetr"), "forbedr"),
    (re.compile(r"(?<=[a-zæøå])leiar"), "leder"),
    (re.compile(r"sjukepleiar"), "sykepleier"),
    (re.compile(r"(?<=[a-zæøå])aust"), "øst"), (re.compile(r"^aust"), "øst"),
    (re.compile(r"^auk"), "øk"),
    (re.compile(r"(?<=[a-zæøå])(leg|lege)$"), "lig"),
    (re.compile(r"(?<=[a-zæøå])(kj|gj)(?=e)"), lambda m: m.group(1)[0]),  # type: ignore[list-item]
    (re.compile(r"(?<=[a-zæøå]{3})arane$"), "erne"),
    (re.compile(r"(?<=[a-zæøå]{3})arar$"), "ere"),
    (re.compile(r"(?<=[a-zæøå]{3})aren$"), "eren"),
    (re.compile(r"(?<=[a-zæøå]{3})ane$"), "ene"),
    (re.compile(r"(?<=[a-zæøå]{3})ar$"), "er"),
    (re.compile(r"(?<=[a-zæøå]{3})inga$"), "ingen"),
    (re.compile(r"(?<=[a-zæøå]{3})ande$"), "ende"),
    (re.compile(r"heit"), "het"),
    (re.compile(r"registr(?=e$|ene$)"), "register"),  # "registre" and "registeret" share a key
]

_WORD = re.compile(r"[0-9a-zæøåéüöò]+(?:-[0-9a-zæøåéüöò]+)*", re.IGNORECASE)


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    """The matching key of one word, the same for its bokmål and nynorsk forms (lower case)."""
    w = word.lower()
    if w in LEXICON:
        return LEXICON[w]
    for pattern, replacement in _RULES:
        w = pattern.sub(replacement, w)
    return LEXICON.get(w, w)


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """The words of ``text`` as regular-expression matches (each with where it stands)."""
    return _WORD.finditer(text)


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits, hyphenated compounds kept whole)."""
    return _WORD.findall(text)


def fold_text(text: str) -> str:
    """``text`` as folded words joined by single spaces: run a bokmål pattern over it to match
    either written form."""
    return " ".join(fold(w) for w in words(text))


def same_word(a: str, b: str) -> bool:
    return fold(a) == fold(b)


# Function words that carry no subject: left out when texts are compared or searched by meaning
# (they are bokmål keys, so nynorsk forms are covered by ``fold``).
STOPWORDS = frozenset(
    "og i på til av for med som at å er en et ei den det de der dette disse skal kan vil må bør blir ble bli "
    "være vært har ha hadde om fra ved etter under over mot eller også ikke så seg sin sitt sine sine deres "
    "hver alle andre annen annet enn hvor hvordan hva når samt herunder bl.a jf. jf blant the".split()
)

_STEMMER = snowballstemmer.stemmer("norwegian")


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """The search and comparison key of one word: its folded form (either written form) with
    bokmål inflection removed (Snowball's Norwegian stemmer): "helseføretaka", "helseforetakene"
    and "helseforetak" share one key."""
    key = fold(word)
    head, _, tail = key.rpartition("-")  # a hyphenated compound: stem its last part ("sør-øst" stays whole)
    if len(tail) <= 3:
        return key
    stemmed = _STEMMER.stemWord(tail)
    # Snowball takes one suffix: "helsefagarbeidere" → "helsefagarbeider", but "helsefagarbeider" →
    # "helsefagarbeid"; a second pass over such an "-er" gives both one key
    stemmed = _STEMMER.stemWord(stemmed) if stemmed.endswith("er") and len(stemmed) >= 5 else stemmed
    # Snowball takes "-et" off "kapasitet" but only "-en" off "kapasiteten": one key for both
    if stemmed.endswith("et") and len(stemmed) >= 6:
        stemmed = stemmed[:-2]
    return f"{head}-{stemmed}" if head else stemmed


def terms(text: str, *, keep_stopwords: bool = False) -> list[str]:
    """The analysed words of ``text`` in order: each word's ``stem``, function words left out
    unless ``keep_stopwords``. What the search index stores and the cascade compares."""
    out = []
    for w in words(text):
        key = fold(w)
        if not keep_stopwords and key in STOPWORDS:
            continue
        out.append(stem(w))
    return out


# Compounds. Norwegian writes them as one word ("sykefraværsarbeid"); a search for a part
# ("fravær", "sykefravær") must find them. A compound is split at the words of ``data/parts.txt``
# (a known last part, then the rest known or split again, a linking "s" or "e" allowed between),
# and the index keeps, beside the word's own key, the keys of its parts and of every run of
# neighbouring parts. The query is analysed by ``stem`` alone: one key per word, looked up among
# the keys the index holds.
PARTS_FILE = Path(__file__).resolve().parent / "data" / "parts.txt"


@lru_cache(maxsize=1)
def _part_keys() -> frozenset[str]:
    words_ = [w for line in PARTS_FILE.read_text(encoding="utf-8").splitlines() for w in line.split("#", 1)[0].split()]
    return frozenset(fold(w) for w in words_) | frozenset(stem(fold(w)) for w in words_)


def _known(piece: str) -> bool:
    keys = _part_keys()
    return len(piece) >= 3 and (piece in keys or stem(piece) in keys)


def _unlinked(head: str) -> list[str]:
    """A first part as written and without a linking letter ("arbeids" → "arbeid")."""
    return [head, head[:-1]] if head[-1] in "se" and len(head) > 4 else [head]


# Longer "words" (a URL, a code, a pasted hash) are no compounds: splitting them is cubic in their length.
MAX_COMPOUND = 48


@lru_cache(maxsize=100_000)
def split_compound(key: str) -> tuple[str, ...]:
    """The parts of one folded word, each as written in it (linking letters kept), or ``()`` if it
    is no compound: "sykefraværsarbeid" → ("syke", "fraværs", "arbeid")."""
    if len(key) < 6 or len(key) > MAX_COMPOUND or "-" in key:
        return ()
    for i in range(3, len(key) - 2):  # the longest known last part first
        tail = key[i:]
        if not _known(tail):
            continue
        head = key[:i]
        for h in _unlinked(head):
            if _known(h) or split_compound(h):
                return (split_compound(head) or (head,)) + (split_compound(tail) or (tail,))
        if len(head) >= 4 and len(tail) >= 5 and head not in STOPWORDS:  # an unknown first part
            return (head,) + (split_compound(tail) or (tail,))
    return ()


def _clean(part: str) -> str:
    return next((h for h in _unlinked(part) if _known(h)), part)


@lru_cache(maxsize=100_000)
def part_keys(word: str) -> tuple[str, ...]:
    """The keys of a compound's parts and of every run of neighbouring parts, without the word's
    own key: "sykefraværsarbeid" → syk, fravær, arbeid, sykefravær, fraværsarbeid. A hyphenated
    word gives each piece and the pieces' parts ("KI-løsninger" → ki, løsning)."""
    key = fold(word)
    pieces = [p for p in key.split("-") if p] if "-" in key else [key]
    out: list[str] = []
    if len(pieces) > 1:
        for piece in pieces:
            out.append(stem(piece))
            out.extend(part_keys(piece))
    else:
        parts = split_compound(key)
        for a in range(len(parts)):
            for b in range(a + 1, len(parts) + 1):
                if b - a == len(parts):
                    continue
                out.append(stem("".join(parts[a:b - 1]) + _clean(parts[b - 1])))
    own = stem(word)
    return tuple(dict.fromkeys(k for k in out if k != own and k not in STOPWORDS))


def keys(word: str) -> set[str]:
    """Every key the index holds for one word: its own and its parts' (what a query key may hit)."""
    return {stem(word), *part_keys(word)}


# Abbreviations the documents use beside their long form: the index holds both for either, so
# "TSB" finds "tverrfaglig spesialisert rusbehandling" and back.
ABBREVIATIONS: dict[str, str] = {
    "tsb": "tverrfaglig spesialisert rusbehandling",
    "phv": "psykisk helsevern",
    "bup": "psykisk helsevern for barn og unge",
    "vop": "psykisk helsevern for voksne",
    "dps": "distriktspsykiatrisk senter",
    "ki": "kunstig intelligens",
    "ikt": "informasjons- og kommunikasjonsteknologi",
    "lis": "leger i spesialisering",
    "ia": "inkluderende arbeidsliv",
}


@lru_cache(maxsize=1)
def _expansions() -> dict[str, tuple[str, ...]]:
    return {abbr: tuple(terms(long)) for abbr, long in ABBREVIATIONS.items()}


def index_terms(text: str) -> list[str]:
    """What the search index holds for ``text``: each word's key (``terms``) followed by its
    compound parts' keys, and for an abbreviation or its long form the other as well. The query
    side is ``terms``: a query key is found whether the text has the word, a compound holding it
    or (for an abbreviation) the other form."""
    out: list[str] = []
    plain: list[str] = []
    for w in words(text):
        if fold(w) in STOPWORDS:
            continue
        key = stem(w)
        plain.append(key)
        out.append(key)
        out.extend(part_keys(w))
    held = set(out)
    for abbr, long in _expansions().items():
        n = len(long)
        if abbr in held:
            out.extend(long)
        if n and any(tuple(plain[i:i + n]) == long for i in range(len(plain) - n + 1) if plain[i] == long[0]):
            out.append(abbr)
    return out

# Words only one of the written forms uses, counted to tell them apart.
NYNORSK_MARKERS = frozenset(
    "ikkje dei helseføretak helseføretaka føretak frå innan korleis kva eit vere saman òg sjukehus berre "
    "noko helseføretaket føretaka desse".split()
)
BOKMAL_MARKERS = frozenset(
    "ikke de helseforetak helseforetakene foretak fra innen hvordan hva et være sammen sykehus bare noe "
    "helseforetaket foretakene disse".split()
)


def detect(text: str) -> str:
    """"nn" when ``text`` is written in nynorsk, else "nb" (by marker words of either form)."""
    ws = re.findall(r"[a-zæøåò]+", text[:20000].lower())
    nn = sum(1 for w in ws if w in NYNORSK_MARKERS)
    nb = sum(1 for w in ws if w in BOKMAL_MARKERS)
    return "nn" if nn > nb else "nb"


__all__ = ["ABBREVIATIONS", "LEXICON", "STOPWORDS", "fold", "fold_text", "words", "word_matches", "same_word", "stem",
           "terms", "index_terms", "keys", "part_keys", "split_compound", "detect"]
