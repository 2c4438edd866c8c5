"""Words are data: one plain module of word lists and mark sets, and code that stays small."""
from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest

from conftest import ROOT

from builder import lexicon as lx

PACKAGE = ROOT / "builder"


@pytest.mark.parametrize("module", ["lexicon", "records", "read", "names", "slugs", "actors", "overrides",
                                    "index", "export", "render", "people", "annotate", "build", "cache", "plugin"])
def test_stages_after_annotation_load_no_spacy(module):
    code = f"import sys, builder.{module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_build_from_the_cache_never_imports_spacy(tmp_path):
    """Everything from the cache: the cache key is computed from metadata, not by importing spaCy."""
    seeds = ROOT / "tests" / "scenarios" / "basic" / "seeds"
    code = ("import sys; from pathlib import Path; from builder.build import build\n"
            "for _ in range(2):\n"
            f"    r = build(Path({str(seeds)!r}), templates=Path({str(ROOT / 'templates')!r}), cache_dir=Path({str(tmp_path)!r}), n_process=1)\n"
            "    print(r.parsed, 'spacy' in sys.modules)\n")
    # first run parses (and imports spaCy); a fresh process then finds everything cached
    first = subprocess.run([sys.executable, "-c", code.replace("range(2)", "range(1)")], cwd=ROOT,
                           capture_output=True, text=True, check=True)
    assert first.stdout.split()[1] == "True" and int(first.stdout.split()[0]) > 0
    second = subprocess.run([sys.executable, "-c", code.replace("range(2)", "range(1)")], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    assert second.stdout.split() == ["0", "False"], second.stdout + second.stderr


def test_header_phrases_stay_whole():
    assert {"editor's note", "see also", "read more"} <= lx.HEADER_WORDS
    assert not {"editor's", "also", "more"} & lx.HEADER_WORDS


def test_data_files_load():
    assert "share this article" in lx.DEBRIS
    assert lx.FIRST_NAMES["mary"] == "f" and lx.FIRST_NAMES["john"] == "m"


def _functions():
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path.relative_to(ROOT), node


def test_no_function_is_longer_than_60_lines():
    long = [f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
            for path, node in _functions() if node.end_lineno - node.lineno + 1 > 60]
    assert long == []


# A word list written in code: a split string of several words, or a set or
# tuple literal of four or more lowercase words.
_SPLIT_LIST = re.compile(r'"""[^"]*?"""\.split\(\)|"(?:[a-z\'’.-]+ ){3,}[a-z\'’.-]+"\.split\(\)')


def _word_literals(tree: ast.AST):
    schema = {id(n) for node in ast.walk(tree)  # Literal["named", …]: a type, not a word list
              if isinstance(node, ast.Subscript) and getattr(node.value, "id", "") == "Literal"
              for n in ast.walk(node.slice)}
    for node in ast.walk(tree):
        if id(node) in schema:
            continue
        if isinstance(node, (ast.Set, ast.Tuple, ast.List)) and len(node.elts) >= 4:
            values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
            words = [v for v in values if re.fullmatch(r"[a-z][a-z'’.-]+", v)
                     and not re.search(r"\.(?:py|js|css|json|html|txt)$", v)]
            if len(words) == len(values) == len(node.elts):  # file names are not vocabulary
                yield node.lineno, values


def test_word_lists_live_only_in_the_lexicon():
    from builder.annotate.attribution import RULES
    from builder.read import METADATA_TEXT, RECORD_FIELDS

    # rule names and record fields are names, not vocabulary
    allowed = _GRAMMAR_LABELS | set(RULES) | set(RECORD_FIELDS) | set(METADATA_TEXT)
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "lexicon.py":
            continue
        text = path.read_text("utf-8")
        found += [f"{path.name}: {m.group()[:40]}" for m in _SPLIT_LIST.finditer(text)]
        found += [f"{path.name}:{line} {values[:4]}" for line, values in _word_literals(ast.parse(text))
                  if not set(values) <= allowed]
    assert found == []


# spaCy's dependency labels and tags are the parser's vocabulary, not word lists.
_GRAMMAR_LABELS = {"nsubj", "nsubjpass", "csubj", "dobj", "pobj", "prep", "dative", "npadvmod", "advmod", "prt",
                   "punct", "oprd", "xcomp", "attr", "ccomp", "acl", "advcl", "relcl", "appos", "compound", "amod",
                   "det", "nmod", "poss", "nummod", "conj", "cc", "mark", "agent", "case", "expl"}
