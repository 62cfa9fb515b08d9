"""Re-anchoring: finding an annotation's passage again in a revised document's plain text.

Given a quote selector (exact, prefix, suffix), a position hint and the new text, in order:

1. **position** — `text[start:end] == exact` and the context there agrees (or the quote is
   long enough to be evidence on its own);
2. **quote** — every exact occurrence of the quote (then, if none, every occurrence with
   whitespace runs collapsed) is scored by how well the text around it matches the stored
   prefix/suffix, with a small bonus for nearness to the old position; the best wins if the
   context agrees, or if the quote is *distinctive* (long) and occurs exactly once;
3. **fuzzy** — candidate places (the old position, where the prefix's tail or the suffix's
   head occurs, where the quote's first/middle/last characters occur) are aligned with the
   quote (`difflib`); a span whose similarity to the quote is ≥ 0.75 wins if its context
   agrees — always required here, so that a boilerplate sentence elsewhere that differs
   by one number does not inherit the note of a deleted one;
4. otherwise **orphaned** — kept and shown in its own list, never attached elsewhere.

"Context agrees" means a context score ≥ CONTEXT_MIN, where each side scores the longer of
the exactly adjacent characters that match and a difflib ratio above its noise floor;
text that merely shares letters with the old context stays near 0. A short quote that now
occurs only in another sentence (its context gone) is therefore orphaned: a person would
not call "5 percent" in an unrelated sentence the same passage. A distinctive quote (≥ 24
units, a CJK character counting 3) found once verbatim is the same passage, moved.

`Anchorer(text)` caches what it derives from one text, so anchoring 200 annotations on one
revision costs one pass over the text, not 200.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import Match, SequenceMatcher
from functools import cached_property

from kbclient.core.annotations.model import TextQuoteSelector

CONTEXT_MIN = 0.2
FUZZY_MIN = 0.75
DISTINCTIVE = 24
MAX_OCCURRENCES = 200
_WS = re.compile(r"\s+")

POSITION = "position"
QUOTE = "quote"
FUZZY = "fuzzy"
ORPHANED = "orphaned"


@dataclass(frozen=True)
class AnchorResult:
    """Where the passage is now, and how it was found; `start` is None when orphaned."""

    start: int | None
    end: int | None
    method: str
    quote_score: float = 0.0
    context_score: float = 0.0

    @property
    def orphaned(self) -> bool:
        return self.start is None


ORPHAN = AnchorResult(None, None, ORPHANED)


def information(text: str) -> int:
    """How much a quote says on its own: non-space characters, a CJK character counting 3."""
    total = 0
    for ch in text:
        if ch.isspace():
            continue
        total += 3 if "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" else 1
    return total


def _word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _drop_outliers(blocks: list[Match]) -> list[Match]:
    """Drop small matches at either end that sit far from the rest of the alignment.

    A stray "st" of "customers" matched to the "st" of "must" would otherwise stretch the
    span over words that are not the passage: an edge block goes when the gap after it in
    the text exceeds the gap in the quote by more than the block's own size.
    """
    out = list(blocks)
    while len(out) > 1:
        b0, b1 = out[0], out[1]
        extra = (b1.a - b0.a - b0.size) - (b1.b - b0.b - b0.size)
        if extra > max(3, b0.size):
            out.pop(0)
        else:
            break
    while len(out) > 1:
        b0, b1 = out[-2], out[-1]
        extra = (b1.a - b0.a - b0.size) - (b1.b - b0.b - b0.size)
        if extra > max(3, b1.size):
            out.pop()
        else:
            break
    return out


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _similar(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _side(stored: str, found: str, adjacent: int) -> float:
    """One side's context agreement: exact adjacency, or a ratio above its noise floor."""
    if not stored:
        return 1.0 if not found else 0.0
    exact = adjacent / len(stored)
    loose = max(0.0, (_similar(stored, found) - 0.5) / 0.5)
    return max(exact, loose)


class Anchorer:
    """Anchors quote selectors in one text; reuse it for all annotations of a revision."""

    def __init__(self, text: str) -> None:
        self.text = text

    # -- the collapsed-whitespace view of the text, made on first need ----------------
    @cached_property
    def _collapsed(self) -> tuple[str, list[int]]:
        """The text with whitespace runs as one space, and each char's offset in `text`."""
        out: list[str] = []
        where: list[int] = []
        last = 0
        for m in _WS.finditer(self.text):
            out.append(self.text[last : m.start()])
            where.extend(range(last, m.start()))
            out.append(" ")
            where.append(m.start())
            last = m.end()
        out.append(self.text[last:])
        where.extend(range(last, len(self.text)))
        where.append(len(self.text))
        return "".join(out), where

    # -- scoring -----------------------------------------------------------------------
    def context_score(self, quote: TextQuoteSelector, start: int, end: int) -> float:
        """How well the text around [start, end) matches the stored prefix and suffix."""
        p, s = quote.prefix, quote.suffix
        before = self.text[max(0, start - len(p)) : start]
        after = self.text[end : end + len(s)]
        wp, ws = len(p), len(s)
        # A side with no stored context (the quote began or ended the text) counts only
        # when the text still begins or ends there, and weighs as little as one word.
        if not p:
            wp = 8
        if not s:
            ws = 8
        sp = _side(p, before if p else self.text[max(0, start - 8) : start], 0)
        ss = _side(s, after if s else self.text[end : end + 8], 0)
        if p:
            sp = max(sp, _common_suffix(p, before) / len(p))
        if s:
            ss = max(ss, _common_prefix(s, after) / len(s))
        return (sp * wp + ss * ws) / (wp + ws)

    def _proximity(self, start: int, hint: int | None) -> float:
        if hint is None or not self.text:
            return 0.0
        return max(0.0, 1.0 - abs(start - hint) / max(len(self.text), 1))

    # -- the steps -----------------------------------------------------------------------
    def anchor(self, quote: TextQuoteSelector, hint_start: int | None = None) -> AnchorResult:
        """Steps 1–4 of the module docstring for one quote selector."""
        exact = quote.exact
        if not exact:
            return ORPHAN
        distinctive = information(exact) >= DISTINCTIVE
        # 1. position
        if hint_start is not None and self.text[hint_start : hint_start + len(exact)] == exact:
            ctx = self.context_score(quote, hint_start, hint_start + len(exact))
            if ctx >= CONTEXT_MIN or distinctive:
                return AnchorResult(hint_start, hint_start + len(exact), POSITION, 1.0, ctx)
        # 2. exact quote, then with whitespace collapsed
        spans = self._occurrences(exact)
        if not spans:
            spans = self._collapsed_occurrences(exact)
        exact_found = self._best_exact(quote, spans, hint_start, distinctive) if spans else None
        if exact_found is not None and exact_found.context_score >= CONTEXT_MIN:
            return exact_found
        # 3. fuzzy — also when the only exact match has lost its context: an edited copy
        # that kept its context is the annotated passage, the verbatim one is another
        found = self._fuzzy(quote, hint_start)
        if found is not None:
            return found
        return exact_found or ORPHAN

    def _occurrences(self, exact: str) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        i = self.text.find(exact)
        while i >= 0 and len(out) < MAX_OCCURRENCES:
            out.append((i, i + len(exact)))
            i = self.text.find(exact, i + 1)
        return out

    def _collapsed_occurrences(self, exact: str) -> list[tuple[int, int]]:
        needle = _WS.sub(" ", exact).strip()
        if not needle:
            return []
        flat, where = self._collapsed
        out: list[tuple[int, int]] = []
        i = flat.find(needle)
        while i >= 0 and len(out) < MAX_OCCURRENCES:
            j = i + len(needle)
            out.append((where[i], where[j - 1] + 1))
            i = flat.find(needle, i + 1)
        return out

    def _best_exact(
        self,
        quote: TextQuoteSelector,
        spans: list[tuple[int, int]],
        hint: int | None,
        distinctive: bool,
    ) -> AnchorResult | None:
        scored = []
        for start, end in spans:
            ctx = self.context_score(quote, start, end)
            scored.append((ctx + 0.05 * self._proximity(start, hint), ctx, start, end))
        scored.sort(key=lambda t: (-t[0], t[2]))
        _score, ctx, start, end = scored[0]
        if ctx >= CONTEXT_MIN or (distinctive and len(spans) == 1):
            return AnchorResult(start, end, QUOTE, 1.0, ctx)
        return None

    # -- fuzzy -----------------------------------------------------------------------------
    def _candidates(self, quote: TextQuoteSelector, hint: int | None) -> list[int]:
        """Estimated start offsets of the passage, best evidence first, de-duplicated."""
        text, exact = self.text, quote.exact
        m = len(exact)
        starts: list[int] = []

        def add_all(needle: str, shift: int, limit: int = 8) -> None:
            if len(needle) < 4:
                return
            i = text.find(needle)
            n = 0
            while i >= 0 and n < limit:
                starts.append(i + shift)
                n += 1
                i = text.find(needle, i + 1)

        if quote.prefix:
            tail = quote.prefix[-16:]
            add_all(tail, len(tail))
        if quote.suffix:
            head = quote.suffix[:16]
            add_all(head, -m)
        seed = max(4, min(12, m // 4))
        if m >= 2 * seed:
            add_all(exact[:seed], 0)
            add_all(exact[-seed:], -(m - seed))
            mid = m // 2 - seed // 2
            add_all(exact[mid : mid + seed], -mid)
        if hint is not None:
            starts.append(hint)
        out: list[int] = []
        for s in starts:
            s = min(max(0, s), len(text))
            if all(abs(s - o) > 4 for o in out):
                out.append(s)
        return out[:24]

    def _align(self, exact: str, est: int) -> tuple[int, int, float] | None:
        """The best approximate occurrence of `exact` near `est`: (start, end, similarity)."""
        text, m = self.text, len(exact)
        slack = max(16, m // 2)
        lo = max(0, est - slack)
        hi = min(len(text), est + m + slack)
        window = text[lo:hi]
        if not window:
            return None
        sm = SequenceMatcher(None, window, exact, autojunk=False)
        blocks = [b for b in sm.get_matching_blocks() if b.size > 0]
        solid = _drop_outliers([b for b in blocks if b.size >= 2] or blocks)
        if not solid:
            return None
        first, last = solid[0], solid[-1]
        start = lo + first.a - min(first.b, slack)
        end = lo + last.a + last.size + min(m - last.b - last.size, slack)
        start, end = max(lo, start), min(hi, end)
        start, end = self._snap(start, end)
        start, end = self._trim(start, end)
        if end <= start:
            return None
        return start, end, _similar(exact, text[start:end])

    def _snap(self, start: int, end: int) -> tuple[int, int]:
        """Widen a span that cuts a Latin word in two to the whole word (≤ 12 chars)."""
        text = self.text
        for _ in range(12):
            if 0 < start < len(text) and _word(text[start - 1]) and _word(text[start]):
                start -= 1
            else:
                break
        for _ in range(12):
            if 0 < end < len(text) and _word(text[end - 1]) and _word(text[end]):
                end += 1
            else:
                break
        return start, end

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        return start, end

    def _fuzzy(self, quote: TextQuoteSelector, hint: int | None) -> AnchorResult | None:
        best: tuple[float, float, float, int, int] | None = None
        for est in self._candidates(quote, hint):
            aligned = self._align(quote.exact, est)
            if aligned is None:
                continue
            start, end, sim = aligned
            if sim < FUZZY_MIN:
                continue
            ctx = self.context_score(quote, start, end)
            if ctx < CONTEXT_MIN:
                continue
            score = sim + 0.5 * ctx + 0.05 * self._proximity(start, hint)
            if best is None or score > best[0]:
                best = (score, sim, ctx, start, end)
        if best is None:
            return None
        _score, sim, ctx, start, end = best
        return AnchorResult(start, end, FUZZY, sim, ctx)


def anchor(text: str, quote: TextQuoteSelector, hint_start: int | None = None) -> AnchorResult:
    """One-off `Anchorer(text).anchor(quote, hint_start)`."""
    return Anchorer(text).anchor(quote, hint_start)
