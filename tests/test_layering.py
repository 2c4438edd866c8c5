"""The core stands on its own: no module of the package imports another that imports it
back, workers never import the build, and only the faces import a site generator."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "builder"
FACES = {"builder.plugin", "builder.cli", "builder.faces"}  # MkDocs' plugin, the command line, other generators
GENERATORS = ("mkdocs", "material", "zensical", "properdocs")


def _name(path: Path) -> str:
    return ".".join(("builder", *path.with_suffix("").relative_to(PACKAGE).parts)).removesuffix(".__init__")


def _runtime_imports(path: Path) -> tuple[set[str], set[str]]:
    """(package modules, outside top-level packages) that `path` imports when it runs:
    what a `TYPE_CHECKING` block imports is left out."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and getattr(node.test, "id", getattr(node.test, "attr", "")) == "TYPE_CHECKING"
               for n in ast.walk(node)}
    here = _name(path) if path.name == "__init__.py" else _name(path).rpartition(".")[0]
    inside, outside = set(), set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.level:
            base = here.split(".")[: len(here.split(".")) - node.level + 1]
            module = ".".join(base + ([node.module] if node.module else []))
            inside |= {f"{module}.{a.name}" for a in node.names} | {module}
        elif isinstance(node, ast.ImportFrom):
            outside.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            outside |= {a.name.split(".")[0] for a in node.names}
    return inside, outside


MODULES = {_name(p): _runtime_imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def _cycles() -> list[list[str]]:
    graph = {m: {d for d in inside if d in MODULES and d != m} for m, (inside, _) in MODULES.items()}
    found, seen = [], set()

    def walk(node: str, path: list[str]) -> None:
        for nxt in sorted(graph[node]):
            if nxt in path:
                cycle = path[path.index(nxt):]
                if frozenset(cycle) not in seen:
                    seen.add(frozenset(cycle))
                    found.append(cycle)
            elif len(path) < 12:
                walk(nxt, path + [nxt])

    for start in sorted(graph):
        walk(start, [start])
    return found


def test_no_module_imports_one_that_imports_it_back():
    assert _cycles() == []


@pytest.mark.parametrize("worker", ["builder.parallel", "builder.distributed", "builder.cache"])
def test_workers_never_import_the_build(worker):
    assert "builder.build" not in MODULES[worker][0]


@pytest.mark.parametrize("module", sorted(set(MODULES) - FACES))
def test_only_the_faces_import_a_site_generator(module):
    assert not MODULES[module][1] & set(GENERATORS)


def test_the_renderer_reads_no_article_file_and_needs_no_reader():
    assert "builder.read" not in MODULES["builder.render"][0]
