"""Snippets: ~160 characters of a document's plain text around its best match, marked.

No Whoosh highlighter (it re-analyses whole texts): Chinese query words are found by
substring search, Latin words by tokenising only windows around candidate positions
(where the lowercased text contains the first letters of a stem or prefix) and comparing
stems. The window with the most distinct matched words wins (ties: the earliest).
"""

from __future__ import annotations

import html
import re

from kbclient.core.search.analyzer import LATIN_RE, stem
from kbclient.core.search.query import Highlight

SNIPPET_CHARS = 160
LEAD_CHARS = 24
_MAX_SPANS = 400


def _latin_spans(text: str, low: str, hl: Highlight) -> list[tuple[int, int, str]]:
    keys = {s[:3] for s in hl.stems} | {p[:3] for p in hl.prefixes}
    if not keys:
        return []
    spans: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for key in keys:
        start = low.find(key)
        while start != -1 and len(spans) < _MAX_SPANS:
            # back up to the start of this word
            b = start
            while b > 0 and low[b - 1].isalnum() and ord(low[b - 1]) < 0x3000:
                b -= 1
            if b not in seen:
                seen.add(b)
                m = LATIN_RE.match(text, b)
                if m:
                    w = m.group().lower()
                    s = stem(w)
                    if s in hl.stems:
                        spans.append((m.start(), m.end(), s))
                    else:
                        for p in hl.prefixes:
                            if w.startswith(p):
                                spans.append((m.start(), m.end(), p))
                                break
            start = low.find(key, start + 1)
    return spans


def _cjk_spans(text: str, hl: Highlight) -> list[tuple[int, int, str]]:
    spans: list[tuple[int, int, str]] = []
    for word in hl.cjk:
        start = text.find(word)
        while start != -1 and len(spans) < _MAX_SPANS:
            spans.append((start, start + len(word), word))
            start = text.find(word, start + len(word))
    return spans


def find_spans(text: str, hl: Highlight) -> list[tuple[int, int, str]]:
    """(start, end, key) of every match, sorted, overlaps removed."""
    spans = _cjk_spans(text, hl) + _latin_spans(text, text.lower(), hl)
    spans.sort()
    out: list[tuple[int, int, str]] = []
    for s in spans:
        if out and s[0] < out[-1][1]:
            continue
        out.append(s)
    return out


def make_snippet(text: str, hl: Highlight, width: int = SNIPPET_CHARS) -> str:
    """HTML-escaped snippet of `text` with matches wrapped in <mark>."""
    spans = find_spans(text, hl)
    if not spans:
        return _escape_window(text, 0, width, [])
    best_i, best_n = 0, -1
    j = 0
    for i, (s, _e, _k) in enumerate(spans):
        if j < i:
            j = i
        while j + 1 < len(spans) and spans[j + 1][1] <= s + width - LEAD_CHARS:
            j += 1
        n = len({k for _, _, k in spans[i : j + 1]})
        if n > best_n:
            best_i, best_n = i, n
    if spans[best_i][1] <= width - LEAD_CHARS:
        return _escape_window(text, 0, width, [sp for sp in spans if sp[1] <= width])
    start = max(0, spans[best_i][0] - LEAD_CHARS)
    # prefer to start after a sentence or line break close before the match
    for sep in ("\n", "。", ". ", "；", "，", ", ", " "):
        k = text.find(sep, start, spans[best_i][0])
        if k != -1:
            start = k + len(sep)
            break
    end = min(len(text), start + width)
    inside = [sp for sp in spans if sp[0] >= start and sp[1] <= end]
    return _escape_window(text, start, end - start, inside)


_WS_RE = re.compile(r"\s+")


def _escape_window(text: str, start: int, width: int, spans: list[tuple[int, int, str]]) -> str:
    end = min(len(text), start + width)
    parts: list[str] = ["…" if start > 0 else ""]
    pos = start
    merged: list[list[int]] = []
    for s, e, _ in spans:
        if merged and merged[-1][1] == s:
            merged[-1][1] = e
        else:
            merged.append([s, e])
    for s, e in merged:
        parts.append(html.escape(_WS_RE.sub(" ", text[pos:s])))
        parts.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    parts.append(html.escape(_WS_RE.sub(" ", text[pos:end])))
    if end < len(text):
        parts.append("…")
    return "".join(parts).strip()
