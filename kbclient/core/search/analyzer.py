"""The bilingual (Simplified Chinese + English) analyzer shared by indexing and queries.

Token stream of a text (one position counter for the whole text):

- Latin/digit runs (`[^\\W_]` minus CJK): lowercased, pure-letter words stemmed with Snowball
  English (Porter2, PyStemmer); one position each. No stop words, so every phrase works.
  Hyphens and dots split words: "e-CNY" → "e", "cny" (the query parser turns a hyphenated
  word into the phrase "e cny", so it still finds exactly "e-CNY" / "e CNY").
- CJK runs: segmented with rjieba (`cut`, HMM on), then character bigrams at positions equal
  to the character offset within the run (plus the run's base): a bigram inside one
  segmented word is emitted as itself ("沙盒"); a bigram straddling a word boundary is
  emitted as "a|b" so it never equals a within-word bigram. A one-character word is also
  emitted as a unigram at its own offset. A run of one character is just its unigram.
- The *chain* of a run — the tokens a phrase walks through at consecutive positions — is its
  bigrams plus the final unigram when the run ends in a one-character word; the next token
  after the run gets the position after the chain. Query phrases are built from the same
  chains, so "API 安全", "数字人民币" and "open banking API" match as phrases.
- U+001E (record separator) in a value starts a new section: the position counter jumps by
  `SECTION_GAP` so phrases never join title, tags and body.

Text is NFKC-normalised first (full-width Latin, compatibility ideographs).
The class name carries the version: Whoosh pickles the analyzer into each index by module
path and class name, so a changed analyzer gets a new class and a new `ANALYZER_VERSION`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import rjieba
import Stemmer
from whoosh.analysis import Analyzer, Token

ANALYZER_VERSION = "kb-bilingual-1"
BOUNDARY = "|"
SECTION = "\x1e"
SECTION_GAP = 16

CJK_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_TOKEN_RE = re.compile(f"([{CJK_CHARS}]+)|([^\\W_{CJK_CHARS}]+)|({SECTION})")
CJK_RUN_RE = re.compile(f"[{CJK_CHARS}]+")
LATIN_RE = re.compile(f"[^\\W_{CJK_CHARS}]+")

_stemmer = Stemmer.Stemmer("english")
_stem_cache: dict[str, str] = {}
_STEM_CACHE_MAX = 200_000


def stem(word: str) -> str:
    """The index form of one lowercased Latin word (Porter2 stem of letters-only words)."""
    s = _stem_cache.get(word)
    if s is None:
        s = _stemmer.stemWord(word) if word.isalpha() else word
        if len(_stem_cache) < _STEM_CACHE_MAX:
            _stem_cache[word] = s
    return s


def normalize(text: str) -> str:
    """NFKC, as applied to every text before analysis."""
    return unicodedata.normalize("NFKC", text)


def segment(run: str) -> list[str]:
    """rjieba's words of one CJK run (default mode, HMM on)."""
    return rjieba.cut(run, True)


def run_tokens(run: str, words: list[str] | None = None) -> tuple[list[tuple[str, int]], int]:
    """(tokens with positions relative to the run, chain length) of one CJK run.

    `words` is the segmentation to use (default: `segment(run)`); the chain is
    bigrams at 0..n-2 plus the final unigram at n-1 when the run ends in a one-char word.
    """
    n = len(run)
    if n == 1:
        return [(run, 0)], 1
    if words is None:
        words = segment(run)
    out: list[tuple[str, int]] = []
    off = 0
    for w in words:
        lw = len(w)
        if lw == 1:
            out.append((w, off))
        else:
            for i in range(off, off + lw - 1):
                out.append((run[i : i + 2], i))
        end = off + lw
        if end < n:
            out.append((run[end - 1] + BOUNDARY + run[end], end - 1))
        off = end
    chain = n if len(words[-1]) == 1 else n - 1
    return out, chain


def index_tokens(text: str) -> Iterator[tuple[str, int]]:
    """(term, position) for every token of a text, as indexed."""
    pos = 0
    for m in _TOKEN_RE.finditer(normalize(text)):
        cjk, latin, sec = m.groups()
        if latin is not None:
            yield stem(latin.lower()), pos
            pos += 1
        elif cjk is not None:
            toks, chain = run_tokens(cjk)
            for t, p in toks:
                yield t, pos + p
            pos += chain
        elif sec is not None:
            pos += SECTION_GAP


def positions_map(text: str) -> dict[str, list[int]]:
    """term → sorted positions: the fast path the indexing format uses."""
    d: dict[str, list[int]] = {}
    for t, p in index_tokens(text):
        lst = d.get(t)
        if lst is None:
            d[t] = [p]
        else:
            lst.append(p)
    for lst in d.values():
        if len(lst) > 1:
            lst.sort()
    return d


class BilingualAnalyzerV1(Analyzer):
    """Whoosh analyzer over `index_tokens`; query parsing uses the module functions."""

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos in index_tokens(value):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = t.endchar = start_char
            yield t
