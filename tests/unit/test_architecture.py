"""The house rules on imports (docs/architecture.md), read from the source with ``ast``.

- no import cycle among the platform's modules;
- shared/ is the platform: it imports no service, tool, demo or benchmark;
- a domain module (``domain.py``, ``domain_<part>.py``) imports the standard library, its own
  service's contract, its other domain modules and the platform's refusals (``shared.errors``,
  standard library only) and nothing else;
- the tools and the other services read a service through its contract (and the platform's list
  of services), never through its internals;
- no import inside a function (the usual way to dodge a cycle).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from services.platform import DEFINITIONS
from shared.config import DEFAULT_SERVICE_URLS
from shared.config import SERVICES as CONFIGURED

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("shared", "services", "tools")
SERVICES = ("assessment", "feedback", "training")
# what another service or a tool may import of a service (import_format: the assessment
# service's employee CSV, for tools that write or check such a file)
PUBLIC = ("contract", "import_format")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for package in PACKAGES for p in (ROOT / package).rglob("*.py")}


MODULES = _modules()


def _imported(node: ast.AST, module: str) -> list[str]:
    """The project modules (or names) an import statement reaches, absolute."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            package = module.split(".")[: -node.level] if not MODULES[module].name == "__init__.py" \
                else module.split(".")[: len(module.split(".")) - node.level + 1]
            base = ".".join(package + ([base] if base else []))
        # "from package import module" reaches the module; "from module import name" the module
        return [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
    return []


def _project(name: str) -> str | None:
    """The project module ``name`` is, or is inside; None for a third-party or stdlib one."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _top_level_imports(module: str) -> set[str]:
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    found = set()
    for node in tree.body:
        statements = [node]
        if isinstance(node, (ast.If, ast.Try)):  # "if TYPE_CHECKING:" and guarded imports
            statements = [n for n in ast.walk(node) if isinstance(n, (ast.Import, ast.ImportFrom))]
        for statement in statements:
            found.update(_imported(statement, module))
    return found


def _graph() -> dict[str, set[str]]:
    graph = {}
    for module in MODULES:
        targets = {_project(name) for name in _top_level_imports(module)}
        graph[module] = {t for t in targets if t and t != module}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), each sorted."""
    index, low, stack, on_stack, found, counter = {}, {}, [], set(), [], [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


GRAPH = _graph()


def test_there_is_no_import_cycle():
    assert _cycles(GRAPH) == []


def test_the_check_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_shared_imports_no_service_or_tool():
    reaching_up = {m: sorted(t for t in targets if not t.startswith("shared"))
                   for m, targets in GRAPH.items() if m.startswith("shared")}
    assert {m: t for m, t in reaching_up.items() if t} == {}


def _domain_modules(service: str) -> list[str]:
    """``domain.py`` and the ``domain_<part>.py`` modules beside it."""
    return sorted(m for m in MODULES if m == f"services.{service}.domain"
                  or m.startswith(f"services.{service}.domain_"))


@pytest.mark.parametrize("service", SERVICES)
def test_a_domain_imports_only_the_standard_library_and_its_contract(service):
    allowed = {f"services.{service}.contract", "shared.errors", *_domain_modules(service)}
    outside = {module: sorted(name for name in _top_level_imports(module)
                              if name.split(".")[0] not in sys.stdlib_module_names
                              and name != "__future__" and _project(name) not in allowed)
               for module in _domain_modules(service)}
    assert {module: names for module, names in outside.items() if names} == {}


def _internal_reach(module: str) -> list[str]:
    """The internals of services other than ``module``'s own that it imports."""
    own = module.split(".")[1] if module.startswith("services.") else None
    reached = []
    for target in GRAPH[module]:
        parts = target.split(".")
        if parts[0] == "services" and len(parts) > 2 and parts[1] in SERVICES \
                and parts[1] != own and parts[2] not in PUBLIC:
            reached.append(target)
    return sorted(reached)


def test_services_and_tools_read_other_services_through_their_contracts():
    readers = [m for m in GRAPH if m.startswith(("tools", "services")) and m != "services.platform"]
    assert {m: _internal_reach(m) for m in readers if _internal_reach(m)} == {}


def test_no_import_inside_a_function():
    local = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                local += [f"{module}:{n.lineno}" for n in ast.walk(node)
                          if isinstance(n, (ast.Import, ast.ImportFrom))]
    assert sorted(set(local)) == []


# Sizes (issue 13): a module of the platform or a service under about 200 lines, a function under
# about 30. The check allows a little over, so that it fails on growth rather than on a docstring.
MODULE_LINES, FUNCTION_LINES = 220, 40


def _sizes() -> tuple[list[str], list[str]]:
    modules, functions = [], []
    for module, path in MODULES.items():
        if not module.startswith(("shared", "services")):
            continue
        source = path.read_text("utf-8")
        if source.count("\n") > MODULE_LINES:
            modules.append(f"{module}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > FUNCTION_LINES:
                    functions.append(f"{module}.{node.name}: {length} lines")
    return modules, functions


def test_modules_and_functions_stay_small():
    modules, functions = _sizes()
    assert (modules, functions) == ([], [])


def _undocumented(source: str) -> list[tuple[int, str]]:
    """The public functions of a module, and the public methods of its classes, without a
    docstring (a nested function is the enclosing one's detail: exempt)."""
    found = []
    for node in ast.parse(source).body:
        members = node.body if isinstance(node, ast.ClassDef) else [node]
        found += [(n.lineno, n.name) for n in members
                  if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))
                  and not n.name.startswith("_") and ast.get_docstring(n) is None]
    return found


def test_every_public_function_says_what_it_does():
    """Issue: "a one-line docstring on every public function" (shared/, services/, tools/)."""
    missing = [f"{MODULES[module].relative_to(ROOT)}:{line} {name}"
               for module in sorted(MODULES)
               for line, name in _undocumented(MODULES[module].read_text("utf-8"))]
    assert missing == []


def test_the_docstring_check_finds_what_lacks_one():
    source = ('def told():\n    """Told."""\n\ndef untold():\n    def inner(): pass\n'
              'class Port:\n    def load(self) -> int: ...\n    def _own(self): pass\n')
    assert _undocumented(source) == [(4, "untold"), (7, "load")]


def test_the_services_configuration_knows_are_the_platforms():
    """shared/config.py names the services for their default URLs and database variables;
    services/platform.py lists their definitions: one list, checked rather than trusted."""
    assert tuple(DEFINITIONS) == CONFIGURED == tuple(DEFAULT_SERVICE_URLS)
