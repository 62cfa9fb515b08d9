"""Keeps the Linguist `.ts` files in step with the `tr()` calls of the GUI sources.

`python -m kbclient.gui.i18n_sources update` adds new source strings to every `.ts` file
(as unfinished) and marks vanished ones obsolete; `check` exits non-zero if a `.ts` file
lacks a string. Understood calls: `self.tr("…")` (context: the enclosing class),
`QCoreApplication.translate("Ctx", "…")`, and `_tr("…")` in a module that defines
`TR_CONTEXT = "Ctx"`. Arguments must be string literals.
"""

from __future__ import annotations

import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from kbclient.gui.resources import translations_dir

GUI_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    location: str  # file:line, for translators


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: Path, module_context: str | None) -> None:
        self.path = path
        self.module_context = module_context
        self.classes: list[str] = []
        self.messages: list[Message] = []
        self.problems: list[str] = []

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def _literal(self, node: ast.AST, where: str) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        self.problems.append(f"{where}: tr() argument is not a string literal")
        return None

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        where = f"{self.path.name}:{node.lineno}"
        context: str | None = None
        arg: ast.AST | None = None
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "tr"
            and isinstance(func.value, ast.Name)
            and func.value.id == "self"
        ):
            if self.classes and node.args:
                context, arg = self.classes[-1], node.args[0]
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "translate"
            and (isinstance(func.value, ast.Name) and func.value.id == "QCoreApplication")
        ):
            if len(node.args) >= 2 and isinstance(node.args[0], ast.Constant):
                context, arg = str(node.args[0].value), node.args[1]
        elif isinstance(func, ast.Name) and func.id == "_tr" and node.args:
            context, arg = self.module_context, node.args[0]
            if context is None:
                self.problems.append(f"{where}: _tr() without a module TR_CONTEXT")
        if context is not None and arg is not None:
            text = self._literal(arg, where)
            if text is not None:
                self.messages.append(Message(context, text, where))
        self.generic_visit(node)


def extract(gui_dir: Path = GUI_DIR) -> tuple[list[Message], list[str]]:
    """Every translatable string of the GUI sources, and any call that cannot be read."""
    messages: list[Message] = []
    problems: list[str] = []
    for path in sorted(gui_dir.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        module_context = None
        for stmt in tree.body:
            if (
                isinstance(stmt, ast.Assign)
                and len(stmt.targets) == 1
                and isinstance(stmt.targets[0], ast.Name)
                and stmt.targets[0].id == "TR_CONTEXT"
                and isinstance(stmt.value, ast.Constant)
            ):
                module_context = str(stmt.value.value)
        visitor = _Visitor(path, module_context)
        visitor.visit(tree)
        messages.extend(visitor.messages)
        problems.extend(visitor.problems)
    return messages, problems


def ts_files() -> list[Path]:
    return sorted(translations_dir().glob("kbclient_*.ts"))


def read_ts(path: Path) -> dict[tuple[str, str], tuple[str, str | None]]:
    """(context, source) → (translation, type) of a .ts file."""
    out: dict[tuple[str, str], tuple[str, str | None]] = {}
    root = ET.parse(path).getroot()
    for ctx in root.iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            out[(name, msg.findtext("source") or "")] = (
                (tr.text or "") if tr is not None else "",
                tr.get("type") if tr is not None else "unfinished",
            )
    return out


def write_ts(
    path: Path,
    language: str,
    messages: list[Message],
    existing: dict[tuple[str, str], tuple[str, str | None]],
) -> None:
    """Write a .ts file holding `messages` (keeping known translations) + obsolete ones."""
    root = ET.Element("TS", version="2.1", language=language)
    by_context: dict[str, dict[str, list[str]]] = {}
    for m in messages:
        by_context.setdefault(m.context, {}).setdefault(m.source, []).append(m.location)
    current = {(c, s) for c, sources in by_context.items() for s in sources}
    for key in existing:
        if key not in current and existing[key][0]:
            by_context.setdefault(key[0], {}).setdefault(key[1], [])
    for context in sorted(by_context):
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
        for source, locations in sorted(by_context[context].items()):
            msg = ET.SubElement(ctx, "message")
            for loc in locations:
                filename, line = loc.rsplit(":", 1)
                ET.SubElement(msg, "location", filename=f"../../kbclient/gui/{filename}", line=line)
            ET.SubElement(msg, "source").text = source
            text, kind = existing.get((context, source), ("", "unfinished"))
            tr = ET.SubElement(msg, "translation")
            if language.startswith("en"):
                kind = None  # English is the source language: nothing to translate
                text = ""
            elif not locations:
                kind = "vanished"
            elif not text:
                kind = "unfinished"
            elif kind in ("vanished", "obsolete"):
                kind = None
            if kind:
                tr.set("type", kind)
            tr.text = text or None
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    tmp = path.with_suffix(".ts.tmp")
    tmp.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    tmp.replace(path)


def missing(path: Path, messages: list[Message]) -> list[Message]:
    """Source strings used in the GUI that `path` lacks (or has only as vanished)."""
    known = read_ts(path)
    return [
        m
        for m in messages
        if (m.context, m.source) not in known
        or known[(m.context, m.source)][1] in ("vanished", "obsolete")
    ]


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    messages, problems = extract()
    for p in problems:
        print(p, file=sys.stderr)
    if command == "update":
        for path in ts_files():
            language = path.stem.removeprefix("kbclient_")
            write_ts(path, language, messages, read_ts(path))
            print(f"updated {path.name}")
        return 1 if problems else 0
    bad = 0
    for path in ts_files():
        for m in missing(path, messages):
            print(f"{path.name}: missing {m.context!r}: {m.source!r} ({m.location})")
            bad += 1
    return 1 if bad or problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
