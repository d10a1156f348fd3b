"""The lexicon is the one place for the domain's words: no extraction module outside it reads text
with a Norwegian phrase of its own, and the lexicon's classes work as the rules use them.

What counts as a phrase that reads text (the syntax-tree test): a string constant (docstrings left
out) with two or more words of letters (æøå included; regex escapes, character classes, group
names, ``<<class>>`` slots and counts are not words) that stands where text is matched — inside the
arguments of a regular-expression call (``re.*``, ``lx.compile``, a pattern's ``search``/``match``/
``sub``…), of a string test (``startswith``, ``endswith``, ``find``, ``count``, ``replace``,
``split``), in a comparison (``==``, ``in``), or in a module- or class-level constant. Messages
for people (errors, confidence reasons) are not matched against text and are not counted; a module
constant that holds one says so in its name (``REASON_``, ``MESSAGE``, ``ERROR``).
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from styring.extraction import lexicon as lx

EXTRACTION = Path(lx.__file__).resolve().parent
# every module that reads text (``pdfgen`` writes PDFs for the tests and reads none)
MODULES = sorted(p for p in EXTRACTION.rglob("*.py")
                 if "tests" not in p.relative_to(EXTRACTION).parts and p.name not in ("lexicon.py", "pdfgen.py"))

_NOT_WORDS = re.compile(
    r"<<[\w+]+>>"  # lexicon slots
    r"|\\[A-Za-z]"  # escapes: \s \d \b \w
    r"|\[(?:\\.|[^\]\\])*\]"  # character classes
    r"|\(\?P<\w+>|\(\?P=\w+\)|\(\?[a-zA-Z]+[:)]"  # group names, inline flags
    r"|\{\d*,?\d*\}"  # counts
)
_WORD = re.compile(r"[A-Za-zÆØÅæøåéü_]{2,}(?:-[A-Za-zÆØÅæøåéü_]+)*")  # "symbol-pua" is one word
_PATH = re.compile(r"^\S*/\S*$")  # a path or an address ("word/document.xml"), not words
_REGEX_CALLS = {"compile", "search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "expand"}
_STR_TESTS = {"startswith", "endswith", "find", "rfind", "index", "rindex", "count", "replace", "split", "rsplit",
              "partition", "rpartition", "removeprefix", "removesuffix"}
_MESSAGE_NAME = re.compile(r"REASON|MESSAGE|ERROR|HELP")


def words(value: str) -> list[str]:
    if _PATH.match(value):
        return []
    return _WORD.findall(_NOT_WORDS.sub(" ", value))


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _constants(node: ast.AST):
    for sub in ast.walk(node):
        if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
            yield sub


def phrases(source: str) -> list[tuple[int, str]]:
    """(line, value) of every phrase that reads text in ``source`` (see the module's docstring)."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    found: dict[int, ast.Constant] = {}

    def take(node: ast.AST) -> None:
        for c in _constants(node):
            if id(c) not in docs and len(words(c.value)) >= 2:
                found[id(c)] = c

    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _REGEX_CALLS or name in _STR_TESTS:
                for arg in [*node.args, *(k.value for k in node.keywords)]:
                    take(arg)
        elif isinstance(node, ast.Compare):
            for operand in [node.left, *node.comparators]:
                take(operand)
    scopes: list[ast.Module | ast.ClassDef] = [tree, *(n for n in ast.walk(tree) if isinstance(n, ast.ClassDef))]
    for scope in scopes:
        for stmt in scope.body:
            if isinstance(stmt, (ast.Assign, ast.AnnAssign)) and stmt.value is not None:
                targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
                names = " ".join(t.id for t in targets if isinstance(t, ast.Name))
                if not _MESSAGE_NAME.search(names):
                    take(stmt.value)
    return sorted((c.lineno, str(c.value)) for c in found.values())


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(EXTRACTION)))
def test_no_extraction_module_reads_text_with_a_phrase_of_its_own(path):
    hits = phrases(path.read_text(encoding="utf-8"))
    assert not hits, "phrases outside the lexicon:\n" + "\n".join(
        f"  {path.name}:{line}: {value[:90]!r}" for line, value in hits)


def test_the_walk_finds_phrases_and_leaves_messages():
    source = '''
"""Module docstring with several words."""
import re
A = re.compile(r"Annen\\s+oppgave\\s+\\d{4}\\s+til")
B = ("informasjon til øvrige", "x")
def f(t, d):
    """Docstring, many words here."""
    if t.startswith("Med hilsen"):
        d.doubt(0.2, "oppdrag funnet i løpende tekst")
    raise ValueError(f"Filen «{t}» er tom. Last opp dokumentet på nytt.")
REASON_SHORT = "liste uten punkttegn"
C = lx.compile(r"^<<per_trust_before>>\\s+(?:<<YEAR>>\\s+)?<<per_trust_to>>\\b")
D = re.compile(r"(?P<num>\\d{1,3})[A-Za-zÆØÅæøå]{3}")
'''
    assert [v for _, v in phrases(source)] == [r"Annen\s+oppgave\s+\d{4}\s+til", "informasjon til øvrige", "Med hilsen"]


def test_no_year_inside_a_label_phrase():
    """A 2025 document must read as a 2024 one: labels take the year from ``<<YEAR>>``."""
    years = [(name, p) for name, phrases_ in lx.WORDS.items() for p in phrases_ if re.search(r"(?:19|20)\d\d", p)]
    assert years == []


@pytest.mark.parametrize("name", sorted(lx.WORDS))
def test_every_class_compiles_and_matches_its_own_plain_phrases(name):
    pattern = lx.compile(rf"^<<{name}>>$")
    for phrase in lx.words(name):
        if re.fullmatch(r"[\w .,-]+", phrase):  # a plain phrase (no pattern syntax)
            assert pattern.match(phrase), (name, phrase)
            assert pattern.match(phrase.replace(" ", "\n")), (name, phrase)  # wrapped over lines


def test_reporting_modes_unified():
    assert lx.reporting_modes("Årlig melding (tertialvis avviksrapportering)") == {"annual", "deviation"}
    assert lx.reporting_modes("Årleg melding") == {"annual"}
    assert lx.reporting_modes("Tertialrapport") == {"tertial"}
    assert lx.reporting_modes("Skal risikovurderast") == {"risk"}
    assert lx.reporting_modes("Verksemdsrapport") == {"monthly"}
    assert lx.cell_modes("Månadleg") == {"monthly"} and lx.cell_modes("Per tertial.") == {"tertial"}
    assert lx.cell_modes("Årleg melding") == {"annual"} and lx.cell_modes("Årlig melding 2024") == set()


def test_labels_with_any_year_or_none():
    from styring.extraction.rules import structure

    for label in ("Mål 2024:", "Mål 2025:", "Mål for 2026", "Mål:"):
        assert structure.MAL_LABEL_RE.match(label), label
    for label in ("Kvalitative mål 2025 (UNN og NLSH):", "Kvalitative mål 2024:", "Indikatorar", "Styringsparametere:"):
        assert structure.KIND_LABEL_RE.match(label), label
    assert structure.per_trust_who("Annen oppgave 2025 til UNN HF") == "UNN HF"
    assert structure.per_trust_who("Oppgåver til Helse Førde HF") == "Helse Førde HF"
    assert structure.per_trust_who("For Helse Bergen HF gjelder:") == "Helse Bergen HF"
    assert structure.per_trust_who("Oppdrag for 2025") is None
