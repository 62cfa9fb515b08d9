"""A small, tolerant query language → Whoosh query objects.

Syntax: words (AND), "quoted phrases", `a OR b` (also `|`), `NOT w` / `-w`, `prefix*`
(Latin only), field filters `kind: tag: org: lang: pack: status:` (value may be quoted),
parentheses ignored. Nothing here raises on user input: unbalanced quotes are ignored,
a lone `-`, `kind:` with no value, emoji, control characters or pure punctuation are
dropped, and the input is capped (`MAX_CHARS`, `MAX_CLAUSES`).

Chinese: a bare CJK run is cut by rjieba; one-character words are merged into a
neighbouring word; a run of one or two such words is searched as one word (a phrase),
a longer run as the AND of its words; each resulting word w must occur:
  (a) inside one indexed word: the phrase of w's within-word bigrams (a single term for a
      two-character word), or
  (b) as a sequence of whole indexed words segmented like rjieba cuts w: within-word bigrams
      inside each piece and boundary-marked bigrams between them, or
  (c) (3+ characters) as the sequence of w's own sub-words (`fine_pieces`: 数据安全 →
      数据|安全), since a document may segment a dictionary compound into its parts.
Phrases check the bigrams inside w only, not w's two ends, so 数据安全 finds 数据|安全法.
A lone CJK character matches its unigram (one-character words) or the most frequent
within-word bigrams it starts (capped, like Latin prefixes); a character that ends a longer
word is not found on its own (documented limitation).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import rjieba
from whoosh import query as wq
from whoosh.query.compound import PreloadedOr

from kbclient.core.search.analyzer import (
    BOUNDARY,
    CJK_CHARS,
    CJK_RUN_RE,
    LATIN_RE,
    normalize,
    run_tokens,
    segment,
    stem,
)
from kbclient.core.search.fast import ExactPhrase

MAX_CHARS = 1000
MAX_CLAUSES = 64
MAX_PHRASE_VARIANTS = 4
FILTER_FIELDS = {
    "kind": "kind",
    "tag": "tags",
    "tags": "tags",
    "org": "org",
    "lang": "lang",
    "pack": "pack",
    "status": "status",
}
_QUOTES = '"“”„「」'
_STOP_CHARS = _QUOTES + "()（）"
_CTRL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")
_CJK_GAP_RE = re.compile(f"(?<=[{CJK_CHARS}])\\s+(?=[{CJK_CHARS}])")
_PIECE_RE = re.compile(f"({CJK_RUN_RE.pattern})|((?:{LATIN_RE.pattern}(?:[^\\s\\w]+)?)+)")

# expand(prefix, cjk) -> index terms starting with prefix, most frequent first (capped)
Expander = Callable[[str, bool], Sequence[str]]


@dataclass
class Clause:
    """One parsed element: a word, a phrase or a filter, possibly negated."""

    kind: str  # "word" | "phrase" | "filter"
    text: str
    field: str = ""
    prefix: bool = False
    negated: bool = False


@dataclass
class ParsedQuery:
    """The syntax tree: OR-groups of positive clauses, negated clauses, filters."""

    groups: list[list[Clause]] = field(default_factory=list)
    negated: list[Clause] = field(default_factory=list)
    filters: dict[str, list[str]] = field(default_factory=dict)
    negated_filters: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Highlight:
    """What the snippet maker marks: CJK strings, Latin stems and Latin prefixes."""

    cjk: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    prefixes: set[str] = field(default_factory=set)


@dataclass
class BuiltQuery:
    """Whoosh queries for matching and scoring plus what to show and highlight."""

    match: wq.Query | None  # None: nothing to search (no positive word, no filter)
    rank: wq.Query | None  # the positive words only: scored over the documents of `match`
    has_positive: bool
    terms: tuple[str, ...]
    highlight: Highlight


def _clean(text: str) -> str:
    text = _CTRL_RE.sub(" ", text[:MAX_CHARS])
    return unicodedata.normalize("NFKC", text)


def _lex(text: str) -> list[tuple[str, str]]:
    """('q', quoted text) and ('w', bare token) items; unbalanced quotes are dropped."""
    out: list[tuple[str, str]] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace() or c in "()（）[]{}":
            i += 1
        elif c in _QUOTES:
            j = i + 1
            while j < n and text[j] not in _QUOTES:
                j += 1
            if j < n:
                out.append(("q", text[i + 1 : j]))
                i = j + 1
            else:
                i += 1  # unbalanced: ignore the quote, keep the words
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in _STOP_CHARS:
                j += 1
            tok = text[i:j]
            # field:"quoted value"
            if tok.endswith((":", "：")) and j < n and text[j] in _QUOTES:
                k = j + 1
                while k < n and text[k] not in _QUOTES:
                    k += 1
                if k < n:
                    tok += text[j + 1 : k]
                    out.append(("f", tok))
                    i = k + 1
                    continue
            out.append(("w", tok))
            i = j
    return out


def parse(text: str) -> ParsedQuery:
    """Parse a user query; never raises."""
    pq = ParsedQuery()
    negate = False
    pending_or = False
    count = 0
    for kind, tok in _lex(_clean(text)):
        if count >= MAX_CLAUSES:
            break
        if kind == "w":
            if tok in ("OR", "|", "||"):
                pending_or = bool(pq.groups)
                continue
            if tok in ("AND", "&&", "&", "+"):
                continue
            if tok == "NOT":
                negate = True
                continue
            while tok[:1] in ("-", "+", "!"):
                if tok[0] in "-!":
                    negate = True
                tok = tok[1:]
            if not tok:
                continue
        clause: Clause | None = None
        head, sep, value = tok.replace("：", ":").partition(":") if kind != "q" else ("", "", "")
        if sep and head.lower() in FILTER_FIELDS:
            value = value.strip()
            if value:
                fname = FILTER_FIELDS[head.lower()]
                if fname == "tags":
                    value = value.lower()
                target = pq.negated_filters if negate else pq.filters
                target.setdefault(fname, [])
                if value not in target[fname]:
                    target[fname].append(value)
                count += 1
            negate = False
            pending_or = False
            continue
        if kind == "q":
            if tok.strip():
                clause = Clause("phrase", tok)
        elif kind in ("w", "f"):
            prefix = tok.endswith("*")
            word = tok.rstrip("*")
            if word:
                clause = Clause("word", word, prefix=prefix)
        if clause is None:
            negate = pending_or = False
            continue
        count += 1
        if negate:
            clause.negated = True
            pq.negated.append(clause)
        elif pending_or and pq.groups:
            pq.groups[-1].append(clause)
        else:
            pq.groups.append([clause])
        negate = pending_or = False
    return pq


# ---------------------------------------------------------------- building


def chain_terms(run: str, words: list[str] | None) -> list[str]:
    """The phrase chain of a CJK run: `words=None` = all within-word (one indexed word)."""
    if words is None:
        if len(run) == 1:
            return [run]
        return [run[i : i + 2] for i in range(len(run) - 1)]
    toks, chain = run_tokens(run, words)
    by_pos: dict[int, str] = {}
    for t, p in toks:
        if len(t) > 1 or p == len(run) - 1 or len(run) == 1:
            # bigrams (one per position) and a final unigram
            if p not in by_pos or len(t) > 1:
                by_pos[p] = t
    if chain < len(run):  # no final unigram
        by_pos.pop(len(run) - 1, None)
    return [by_pos[p] for p in sorted(by_pos)]


def _phrase(fieldname: str, terms: list[str]) -> wq.Query:
    if len(terms) == 1:
        return wq.Term(fieldname, terms[0])
    return ExactPhrase(fieldname, terms)


def _or(qs: list[wq.Query]) -> wq.Query:
    uniq: list[wq.Query] = []
    for q in qs:
        if q not in uniq:
            uniq.append(q)
    return uniq[0] if len(uniq) == 1 else wq.Or(uniq)


def cjk_groups(run: str) -> list[tuple[str, list[str]]]:
    """The words (with their rjieba pieces) a bare CJK run is searched as (AND)."""
    words = segment(run)
    if len(words) <= 1:
        return [(run, [run])]
    groups: list[list[str]] = []
    pending: list[str] = []
    for w in words:
        if len(w) == 1:
            pending.append(w)
            continue
        groups.append([*pending, w])
        pending = []
    if pending:
        if groups:
            groups[-1].extend(pending)
        else:
            groups.append(pending)
    return [("".join(g), g) for g in groups]


PHRASE_MAX_GROUPS = 2


def cjk_query_words(run: str) -> list[tuple[str, list[str]]]:
    """The Chinese words a bare CJK run is searched as (AND of them).

    A run of one or two words (开放银行, 数字人民币, 风险评估) is what users type for one term:
    it is searched as a whole (one phrase, with the same patterns as a single word), so it
    finds the documents containing it and not those with 开放 … 银行 far apart. A longer
    run (监管沙盒风险评估方法) is more like a sentence: its words are ANDed.
    """
    groups = cjk_groups(run)
    if 1 < len(groups) <= PHRASE_MAX_GROUPS:
        return [(run, segment(run))]
    return groups


def fine_pieces(word: str) -> list[str]:
    """`word` tiled left to right by the longest proper sub-words rjieba's search mode sees.

    数据安全 → 数据|安全, 中国人民银行 → 中国|人民|银行, 副行长 → 副|行长: a document may
    segment a dictionary compound into its parts (数据|安全法), which this pattern finds.
    """
    subs = {w for w in rjieba.cut_for_search(word, True) if 1 < len(w) < len(word)}
    out: list[str] = []
    i = 0
    while i < len(word):
        best = word[i]
        for w in subs:
            if len(w) > len(best) and word.startswith(w, i):
                best = w
        out.append(best)
        i += len(best)
    return out


def word_patterns(word: str, pieces: list[str]) -> list[list[str]]:
    """The phrase chains a Chinese word is searched as: (a), (b), (c) — see the module doc."""
    chains = [chain_terms(word, None)]
    alts = [pieces] if len(pieces) > 1 else []
    if len(word) > 2:
        alts.append(fine_pieces(word))
    for p in alts:
        c = chain_terms(word, p)
        if c not in chains:
            chains.append(c)
    return chains


def cjk_word_query(word: str, pieces: list[str], expand: Expander) -> wq.Query:
    """Query of one Chinese word: any of `word_patterns` as a phrase."""
    if len(word) == 1:
        alts: list[wq.Query] = [wq.Term("body", word)]
        more = [t for t in expand(word, True) if BOUNDARY not in t]
        if more:
            alts.append(PreloadedOr([wq.Term("body", t) for t in more]))
        return _or(alts)
    return _or([_phrase("body", c) for c in word_patterns(word, pieces)])


def _latin_prefix_query(prefix: str, expand: Expander) -> wq.Query | None:
    p = prefix.lower()
    s = stem(p)
    k = 0
    while k < min(len(p), len(s)) and p[k] == s[k]:
        k += 1
    base = p[:k] if k >= 2 else p
    terms = list(expand(base, False))
    if not terms:
        return None
    return (
        wq.Term("body", terms[0])
        if len(terms) == 1
        else PreloadedOr([wq.Term("body", t) for t in terms])
    )


def _phrase_query(text: str, hl: Highlight) -> tuple[wq.Query | None, list[str]]:
    """A quoted phrase: CJK runs and Latin words in sequence."""
    text = normalize(text)
    text = _CJK_GAP_RE.sub("", text)
    elems: list[list[list[str]]] = []  # each element: alternatives, each a chain
    title_terms: list[str] = []
    for m in re.finditer(f"({CJK_RUN_RE.pattern})|({LATIN_RE.pattern})", text):
        cjk, latin = m.groups()
        if latin:
            s = stem(latin.lower())
            elems.append([[s]])
            hl.stems.add(s)
            title_terms.append(s)
        elif cjk:
            alts = word_patterns(cjk, segment(cjk))
            elems.append(alts)
            hl.cjk.add(cjk)
            title_terms.extend(t for t in alts[0])
    if not elems:
        return None, []
    variants: list[wq.Query] = []
    for combo in itertools.islice(itertools.product(*elems), MAX_PHRASE_VARIANTS):
        chain = [t for part in combo for t in part]
        variants.append(_phrase("body", chain))
    return _or(variants), title_terms


def _word_query(
    clause: Clause, expand: Expander, hl: Highlight, terms: list[str]
) -> tuple[wq.Query | None, list[str]]:
    """A bare token: its CJK runs and Latin groups, all required (AND)."""
    parts: list[wq.Query] = []
    title_terms: list[str] = []
    text = normalize(clause.text)
    pieces = list(_PIECE_RE.finditer(text))
    for idx, m in enumerate(pieces):
        cjk, latin = m.groups()
        last = idx == len(pieces) - 1
        if cjk:
            for word, wp in cjk_query_words(cjk):
                parts.append(cjk_word_query(word, wp, expand))
                hl.cjk.add(word)
                terms.append(word)
                title_terms.extend(chain_terms(word, None))
        elif latin:
            words = LATIN_RE.findall(latin)
            if clause.prefix and last and len(words) >= 1:
                head, tail = words[:-1], words[-1]
                q = _latin_prefix_query(tail, expand)
                hl.prefixes.add(tail.lower())
                terms.append(latin.rstrip("*"))
                if head:
                    stems = [stem(w.lower()) for w in head]
                    hl.stems.update(stems)
                    title_terms.extend(stems)
                    parts.append(_phrase("body", stems))
                parts.append(q if q is not None else wq.NullQuery)
                continue
            stems = [stem(w.lower()) for w in words]
            hl.stems.update(stems)
            title_terms.extend(stems)
            terms.append(latin.strip(".-_/") or latin)
            parts.append(_phrase("body", stems))
    if not parts:
        return None, []
    return (parts[0] if len(parts) == 1 else wq.And(parts)), title_terms


def _clause_query(
    clause: Clause, expand: Expander, hl: Highlight, terms: list[str]
) -> tuple[wq.Query | None, list[str]]:
    if clause.kind == "phrase":
        q, tt = _phrase_query(clause.text, hl)
        if q is not None:
            terms.append(" ".join(clause.text.split()))
        return q, tt
    return _word_query(clause, expand, hl, terms)


def filter_query(filters: dict[str, list[str]]) -> list[wq.Query]:
    """One query per field: its values OR'ed."""
    out: list[wq.Query] = []
    for fname, values in filters.items():
        vals = [v for v in values if v]
        if vals:
            out.append(_or([wq.Term(fname, v) for v in vals]))
    return out


def build(
    pq: ParsedQuery, expand: Expander, extra_filters: dict[str, list[str]] | None = None
) -> BuiltQuery:
    """Whoosh queries for a parsed query; `extra_filters` are ANDed like `kind:` filters."""
    hl = Highlight()
    terms: list[str] = []
    positives: list[wq.Query] = []
    title_terms: list[str] = []
    for group in pq.groups:
        alts = []
        for clause in group:
            q, tt = _clause_query(clause, expand, hl, terms)
            if q is not None:
                alts.append(q)
                title_terms.extend(tt)
        if alts:
            positives.append(_or(alts))
    negatives: list[wq.Query] = []
    for clause in pq.negated:
        q, _ = _clause_query(clause, expand, Highlight(), [])
        if q is not None:
            negatives.append(q)
    filters: dict[str, list[str]] = {k: list(v) for k, v in pq.filters.items()}
    for k, vals in (extra_filters or {}).items():
        fname = FILTER_FIELDS.get(k, k if k in FILTER_FIELDS.values() else "")
        if not fname:
            continue  # not a filterable field: ignored rather than matching nothing
        vs = [v.lower() if fname == "tags" else v for v in vals if v]
        if not vs:
            continue
        if fname in filters:
            # the argument and the query both restrict the field: keep what both allow
            filters[fname] = [v for v in filters[fname] if v in vs] or ["\x00none"]
        else:
            filters[fname] = vs
    fq = filter_query(filters)
    nfq = filter_query(pq.negated_filters)
    has_positive = bool(positives)
    if not positives and not fq and not (negatives or nfq):
        return BuiltQuery(None, None, False, (), hl)
    if not positives and not fq:
        # only negations: nothing positive to search for
        return BuiltQuery(None, None, False, (), hl)
    rank = None
    if positives:
        rank = positives[0] if len(positives) == 1 else wq.And(positives)
    req = [*positives, *fq] or [wq.Every()]
    match: wq.Query = (
        rank if rank is not None and not fq else (req[0] if len(req) == 1 else wq.And(req))
    )
    nots = negatives + nfq
    if nots:
        match = wq.AndNot(match, nots[0] if len(nots) == 1 else wq.Or(nots))
    return BuiltQuery(match, rank, has_positive, tuple(dict.fromkeys(terms)), hl)
