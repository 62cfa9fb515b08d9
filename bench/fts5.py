"""The baseline: the same documents in SQLite FTS5 with the `trigram` tokenizer.

One FTS5 table holds title and plain text (Document.plain_text — the same text kbclient
indexes) plus unindexed id, kind, lang, org and tags. A kbclient query is translated to
FTS5 (see `translate`), answered as top 20 with `snippet()` and a count per kind over the
whole match set (GROUP BY), which gives the total too.

How the trigram tokenizer is used, honestly:
- A word or phrase of ≥ 3 characters is an FTS5 string (`"open banking"`, `"监管沙盒"`): the
  trigram index matches it as a case-insensitive *substring* (so `regul` is inside
  `deregulated`, and `regulating` does NOT find `regulation`: no stemming).
- A word of < 3 characters (Chinese 2-character words such as 沙盒, 试点; English `sc`)
  cannot be looked up in a trigram index. It becomes `+title LIKE '%w%' OR +body LIKE '%w%'`,
  a scan of the rows (only of the rows a MATCH selected when the query has one, otherwise of
  the whole table). The unary `+` is needed: SQLite 3.40's trigram LIKE optimisation returns
  *no rows* for a 2-character CJK pattern (6 bytes, counted as ≥ 3 characters), which
  `+column` avoids.
- `word*` (prefix) and the last word of a search-as-you-type query become the substring
  `word` — a superset of the prefix matches, which is what trigram can do.
- `-word` / `NOT word` is FTS5's `NOT` when there is a positive MATCH term, else NOT LIKE.
- `a OR b` is FTS5's `OR` when both have ≥ 3 characters, else LIKE … OR LIKE ….
- `kind:` / `lang:` / `org:` are equality filters, `tag:` a LIKE over the JSON tag list.
- Ranking: bm25 when there is a MATCH term; a LIKE-only query is returned in row order with
  a snippet cut in Python around the first match (still counted in the measured time).
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

SCHEMA = (
    "CREATE VIRTUAL TABLE docs USING fts5("
    "title, body, id UNINDEXED, kind UNINDEXED, lang UNINDEXED, org UNINDEXED, "
    "tags UNINDEXED, tokenize = 'trigram')"
)
_TOKEN_RE = re.compile(r'-?"[^"]*"?|\S+')
_FIELDS = {"kind", "lang", "org", "tag", "tags", "pack", "status"}


@dataclass(frozen=True)
class FtsRow:
    rowid: int
    id: str
    title: str
    body: str
    kind: str
    lang: str
    org: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class FtsResult:
    total: int
    hits: list[tuple[str, str, str, str]]  # id, title, kind, snippet
    facets: dict[str, int]


@dataclass(frozen=True)
class Translated:
    where: str
    params: tuple[str, ...]
    match: str | None  # the MATCH expression, when there is one
    likes: tuple[str, ...]  # positive LIKE-only words (for Python snippets)


def open_db(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path))
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    return con


def build(path: Path, rows: Iterable[FtsRow], batch: int = 2000) -> int:
    """Create the FTS5 table at `path` and insert rows; returns how many."""
    path.unlink(missing_ok=True)
    con = open_db(path)
    con.execute(SCHEMA)
    n = 0
    buf: list[tuple[object, ...]] = []
    with con:
        for r in rows:
            buf.append(
                (
                    r.rowid,
                    r.title,
                    r.body,
                    r.id,
                    r.kind,
                    r.lang,
                    r.org,
                    json.dumps(list(r.tags), ensure_ascii=False),
                )
            )
            if len(buf) >= batch:
                _insert(con, buf)
                n += len(buf)
                buf = []
        _insert(con, buf)
        n += len(buf)
    con.close()
    return n


def _insert(con: sqlite3.Connection, buf: list[tuple[object, ...]]) -> None:
    con.executemany(
        "INSERT INTO docs (rowid, title, body, id, kind, lang, org, tags) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        buf,
    )


def update(con: sqlite3.Connection, rows: Iterable[FtsRow]) -> None:
    """Replace rows (by rowid) in one transaction: the FTS5 side of a 100-document update."""
    with con:
        for r in rows:
            con.execute("DELETE FROM docs WHERE rowid = ?", (r.rowid,))
            _insert(
                con,
                [
                    (
                        r.rowid,
                        r.title,
                        r.body,
                        r.id,
                        r.kind,
                        r.lang,
                        r.org,
                        json.dumps(list(r.tags), ensure_ascii=False),
                    )
                ],
            )


def _fts_string(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def _like(word: str, params: list[str], negate: bool = False) -> str:
    pat = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    params += [pat, pat]
    cond = "(+title LIKE ? ESCAPE '\\' OR +body LIKE ? ESCAPE '\\')"
    return f"NOT {cond}" if negate else cond


def translate(text: str, prefix_last: bool = False) -> Translated:
    """kbclient query syntax → an FTS5 WHERE clause (see the module docstring)."""
    raw = _TOKEN_RE.findall(text)
    items: list[tuple[str, bool, str]] = []  # (kind: term|filter|or, negated, value)
    negate_next = False
    for k, tok in enumerate(raw):
        if tok == "NOT":
            negate_next = True
            continue
        if tok == "OR":
            items.append(("or", False, ""))
            continue
        neg = negate_next
        negate_next = False
        if tok.startswith("-") and len(tok) > 1:
            neg, tok = True, tok[1:]
        if tok.startswith('"'):
            value = tok.strip('"').strip()
        elif ":" in tok and tok.split(":", 1)[0].lower() in _FIELDS and tok.split(":", 1)[1]:
            f, v = tok.split(":", 1)
            items.append(("filter", neg, f"{f.lower()}:{v}"))
            continue
        else:
            value = tok.rstrip("*")
            if prefix_last and k == len(raw) - 1:
                value = value  # substring search already covers a prefix
        if value:
            items.append(("term", neg, value))

    # group "a OR b OR c" runs
    groups: list[tuple[bool, list[str]]] = []
    filters: list[tuple[bool, str]] = []
    pending_or = False
    for kind, neg, value in items:
        if kind == "or":
            pending_or = bool(groups)
            continue
        if kind == "filter":
            filters.append((neg, value))
            continue
        if pending_or and not neg and groups and not groups[-1][0]:
            groups[-1][1].append(value)
        else:
            groups.append((neg, [value]))
        pending_or = False

    match_pos: list[str] = []
    match_neg: list[str] = []
    sql: list[str] = []
    params: list[str] = []
    likes: list[str] = []
    for neg, words in groups:
        indexable = all(len(w) >= 3 for w in words)
        if not neg and indexable:
            match_pos.append("(" + " OR ".join(_fts_string(w) for w in words) + ")")
        elif neg and indexable and len(words) == 1:
            match_neg.append(_fts_string(words[0]))
        elif not neg:
            sql.append("(" + " OR ".join(_like(w, params) for w in words) + ")")
            likes += words
        else:
            sql += [_like(w, params, negate=True) for w in words]
    match = None
    if match_pos:
        match = " AND ".join(match_pos)
        for w in match_neg:
            match += f" NOT {w}"
    else:
        for w in match_neg:  # no positive MATCH: FTS5 NOT needs a left side
            sql.append(_like(w, params, negate=True))
    for neg, fv in filters:
        f, v = fv.split(":", 1)
        if f in {"tag", "tags"}:
            cond = "tags LIKE ?"
            params.append(f'%"{v}"%')
        elif f in {"kind", "lang", "org"}:
            cond = f"{f} = ?"
            params.append(v)
        else:  # pack / status: one pack, all published in the baseline
            continue
        sql.append(f"NOT {cond}" if neg else cond)

    where_parts = []
    all_params: list[str] = []
    if match is not None:
        where_parts.append("docs MATCH ?")
        all_params.append(match)
    where_parts += sql
    all_params += params
    return Translated(
        where=" AND ".join(where_parts) or "1",
        params=tuple(all_params),
        match=match,
        likes=tuple(likes),
    )


def search(
    con: sqlite3.Connection, text: str, prefix_last: bool = False, limit: int = 20
) -> FtsResult:
    """Top `limit` with snippets, plus counts per kind over all matches."""
    t = translate(text, prefix_last)
    if t.match is not None:
        rows = con.execute(
            "SELECT id, title, kind, snippet(docs, -1, '<mark>', '</mark>', '…', 16) FROM docs "
            f"WHERE {t.where} ORDER BY rank LIMIT ?",
            (*t.params, limit),
        ).fetchall()
    else:
        found = con.execute(
            f"SELECT id, title, kind, body FROM docs WHERE {t.where} LIMIT ?", (*t.params, limit)
        ).fetchall()
        rows = [(i, ti, k, _snippet(body, t.likes)) for i, ti, k, body in found]
    facets = dict(
        con.execute(
            f"SELECT kind, count(*) FROM docs WHERE {t.where} GROUP BY kind", t.params
        ).fetchall()
    )
    return FtsResult(total=sum(facets.values()), hits=rows, facets=facets)


def _snippet(body: str, words: tuple[str, ...], width: int = 40) -> str:
    low = body.lower()
    for w in words:
        at = low.find(w.lower())
        if at >= 0:
            a, b = max(0, at - width), min(len(body), at + len(w) + width)
            return (
                ("…" if a else "")
                + html.escape(body[a:at])
                + "<mark>"
                + html.escape(body[at : at + len(w)])
                + "</mark>"
                + html.escape(body[at + len(w) : b])
                + ("…" if b < len(body) else "")
            )
    return html.escape(body[: 2 * width])


def timed_search(
    con: sqlite3.Connection, text: str, prefix_last: bool = False
) -> tuple[float, FtsResult]:
    t0 = time.perf_counter()
    r = search(con, text, prefix_last)
    return time.perf_counter() - t0, r
