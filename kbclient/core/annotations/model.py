"""The annotation model: a W3C Web Annotation on a document's plain text, as a frozen dataclass.

An `Annotation` carries what its author made and shares — id, document and the version it
was made on, author, team, times, tombstone flag, the two selectors and the body — plus a
*local, derived* anchor state: where the passage is in the document text this machine has
now (`anchored_start/anchored_end` at `anchored_version`) or that it could not be found
(`orphaned`). The selectors are never rewritten by re-anchoring: they stay the author's
record of what was marked; the anchor state is what the reader draws. Only the shared part
takes part in merges and in the per-user sharing files; the anchor state never leaves the
machine.

Times are ISO 8601 UTC with milliseconds (``2026-11-28T10:00:00.123Z``), so that comparing
two of them as strings compares the instants.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from kbclient.core.errors import AnnotationError

CONTEXT_CHARS = 32
MAX_NOTE_CHARS = 100_000
MAX_QUOTE_CHARS = 20_000
MAX_TAGS = 50
MAX_TAG_CHARS = 100
COLOURS = ("yellow", "green", "blue", "pink", "purple", "orange", "red", "grey")
DEFAULT_COLOUR = "yellow"
_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:?\d{2})")
_DOC_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,127}")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class TextQuoteSelector:
    """The marked text and up to CONTEXT_CHARS characters of context on either side."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    """Character offsets [start, end) into the plain text of the version it was made on."""

    start: int
    end: int


@dataclass(frozen=True)
class Annotation:
    """One highlight or note; see the module docstring for shared versus derived fields."""

    id: str
    doc: str
    doc_version: int
    author: str
    team: str
    created: str
    modified: str
    quote: TextQuoteSelector
    position: TextPositionSelector
    note: str = ""
    tags: tuple[str, ...] = ()
    colour: str = DEFAULT_COLOUR
    deleted: bool = False
    # -- derived, local: where the passage is in the text this machine has now ----------
    anchored_version: int | None = field(default=None, compare=False)
    anchored_start: int | None = field(default=None, compare=False)
    anchored_end: int | None = field(default=None, compare=False)
    orphaned: bool = field(default=False, compare=False)
    # the passage as found in that text (quote and context): the next revision is
    # searched for this first, so a chain of small edits never drifts out of reach
    anchored_quote: TextQuoteSelector | None = field(default=None, compare=False, repr=False)

    @property
    def text_changed(self) -> bool:
        """The document was revised since the annotation was made (the panel says so)."""
        return self.anchored_version is not None and self.anchored_version != self.doc_version

    @property
    def anchored(self) -> bool:
        return self.anchored_start is not None and not self.orphaned

    @property
    def exact(self) -> str:
        return self.quote.exact

    def shared_key(self) -> tuple[Any, ...]:
        """Everything that is shared (no anchor state): equal keys mean the same content."""
        return (
            self.id,
            self.doc,
            self.doc_version,
            self.author,
            self.team,
            self.created,
            self.modified,
            self.deleted,
            self.quote,
            self.position,
            self.note,
            self.tags,
            self.colour,
        )

    def content_hash(self) -> str:
        """A digest of the shared content: the merge's last, deterministic tie-break."""
        return hashlib.sha256(json.dumps(to_record(self), sort_keys=True).encode()).hexdigest()

    def with_anchor(
        self,
        version: int | None,
        start: int | None,
        end: int | None,
        *,
        orphaned: bool = False,
        quote: TextQuoteSelector | None = None,
    ) -> Annotation:
        return replace(
            self,
            anchored_version=version,
            anchored_start=start,
            anchored_end=end,
            orphaned=orphaned,
            anchored_quote=quote,
        )

    def edited(
        self,
        *,
        note: str | None = None,
        tags: tuple[str, ...] | list[str] | None = None,
        colour: str | None = None,
        now: str | None = None,
    ) -> Annotation:
        """A copy with a changed body and `modified` bumped (see `bump_time`)."""
        return validate(
            replace(
                self,
                note=self.note if note is None else note,
                tags=self.tags if tags is None else normalise_tags(tags),
                colour=self.colour if colour is None else colour,
                deleted=False,
                modified=bump_time(self.modified, now),
            )
        )

    def tombstone(self, *, now: str | None = None) -> Annotation:
        """The deleted form: the body is kept (a tombstone still merges by time and author)."""
        return replace(self, deleted=True, modified=bump_time(self.modified, now))


# -- times ---------------------------------------------------------------------------
def utc_now() -> str:
    """Now as ISO 8601 UTC with milliseconds."""
    return format_time(datetime.now(UTC))


def format_time(moment: datetime) -> str:
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def parse_time(text: str, what: str = "time") -> str:
    """Any ISO 8601 time with a zone → the canonical form; AnnotationError otherwise."""
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise AnnotationError(f"{what} is not an ISO 8601 UTC time: {str(text)[:40]!r}")
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise AnnotationError(f"{what} is not a valid time: {text[:40]!r}") from exc
    return format_time(moment)


def bump_time(previous: str, now: str | None = None) -> str:
    """`now`, but always at least 1 ms after `previous`.

    An edit must win the merge against the version it was made from even when this
    machine's clock is behind the one that wrote `previous`.
    """
    current = now or utc_now()
    if current > previous:
        return current
    moment = datetime.fromisoformat(previous.replace("Z", "+00:00")) + timedelta(milliseconds=1)
    return format_time(moment)


# -- creating ------------------------------------------------------------------------
def normalise_tags(tags: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Trimmed, whitespace-collapsed, de-duplicated (first spelling kept), order kept."""
    out: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        clean = _WS.sub(" ", str(tag)).strip()
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            out.append(clean)
    return tuple(out)


def selectors_for(
    text: str, start: int, end: int
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Both selectors of the span [start, end) of `text`."""
    if not (0 <= start < end <= len(text)):
        raise AnnotationError(
            f"the span {start}..{end} is not a non-empty range of the text "
            f"(0..{len(text)} characters)"
        )
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
    )
    return quote, TextPositionSelector(start, end)


def create_annotation(
    doc_text: str,
    start: int,
    end: int,
    *,
    doc: str,
    doc_version: int,
    author: str,
    team: str,
    note: str = "",
    tags: tuple[str, ...] | list[str] = (),
    colour: str = DEFAULT_COLOUR,
    now: str | None = None,
    annotation_id: str | None = None,
) -> Annotation:
    """A new annotation of `doc_text[start:end]`, anchored there."""
    quote, position = selectors_for(doc_text, start, end)
    stamp = now or utc_now()
    made = Annotation(
        id=annotation_id or str(uuid.uuid4()),
        doc=doc,
        doc_version=doc_version,
        author=author,
        team=team,
        created=stamp,
        modified=stamp,
        quote=quote,
        position=position,
        note=note,
        tags=normalise_tags(tags),
        colour=colour,
        anchored_version=doc_version,
        anchored_start=start,
        anchored_end=end,
        anchored_quote=quote,
    )
    return validate(made)


def find_quote(doc_text: str, quote: str) -> tuple[int, int]:
    """The span of the FIRST occurrence of `quote` in `doc_text`.

    Whitespace in `quote` matches any run of whitespace in the text (a quote typed on the
    command line has spaces where the text may have a line break). AnnotationError when it
    does not occur at all.
    """
    words = quote.split()
    if not words:
        raise AnnotationError("the quote is empty")
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = pattern.search(doc_text)
    if found is None:
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        raise AnnotationError(f"the quote {shown!r} does not occur in the document")
    return found.start(), found.end()


def create_from_quote(doc_text: str, quote: str, **kwargs: Any) -> Annotation:
    """`create_annotation` on the first occurrence of `quote` (see `find_quote`)."""
    start, end = find_quote(doc_text, quote)
    return create_annotation(doc_text, start, end, **kwargs)


# -- validation ------------------------------------------------------------------------
def validate(a: Annotation) -> Annotation:
    """`a` if it is well formed, else AnnotationError naming the first problem."""
    try:
        uuid.UUID(a.id)
    except (ValueError, AttributeError, TypeError) as exc:
        raise AnnotationError(f"annotation id is not a UUID: {str(a.id)[:60]!r}") from exc
    if not isinstance(a.doc, str) or not _DOC_ID.fullmatch(a.doc):
        raise AnnotationError(f"annotation {a.id}: invalid document id {str(a.doc)[:60]!r}")
    if not isinstance(a.doc_version, int) or isinstance(a.doc_version, bool) or a.doc_version < 0:
        raise AnnotationError(f"annotation {a.id}: invalid document version")
    for name in ("author", "team"):
        value = getattr(a, name)
        if not isinstance(value, str) or not value.strip() or len(value) > 200:
            raise AnnotationError(f"annotation {a.id}: invalid {name}")
    if a.created != parse_time(a.created, "created") or a.modified != parse_time(
        a.modified, "modified"
    ):
        raise AnnotationError(f"annotation {a.id}: times must be canonical UTC (use parse_time)")
    q, p = a.quote, a.position
    if not q.exact or len(q.exact) > MAX_QUOTE_CHARS:
        raise AnnotationError(f"annotation {a.id}: the quote is empty or too long")
    if len(q.prefix) > CONTEXT_CHARS * 4 or len(q.suffix) > CONTEXT_CHARS * 4:
        raise AnnotationError(f"annotation {a.id}: quote context too long")
    if not (0 <= p.start < p.end):
        raise AnnotationError(f"annotation {a.id}: invalid position {p.start}..{p.end}")
    if not isinstance(a.note, str) or len(a.note) > MAX_NOTE_CHARS:
        raise AnnotationError(f"annotation {a.id}: the note is too long")
    if len(a.tags) > MAX_TAGS or any(
        not isinstance(t, str) or not t or len(t) > MAX_TAG_CHARS for t in a.tags
    ):
        raise AnnotationError(f"annotation {a.id}: invalid tags")
    if a.colour not in COLOURS and not _HEX_COLOUR.fullmatch(a.colour):
        raise AnnotationError(
            f"annotation {a.id}: colour must be one of {', '.join(COLOURS)} or #rrggbb"
        )
    return a


# -- plain records (the sharing file's line, the store's columns) --------------------
def to_record(a: Annotation) -> dict[str, Any]:
    """The shared fields as a JSON-able dict (no anchor state)."""
    return {
        "id": a.id,
        "doc": a.doc,
        "doc_version": a.doc_version,
        "author": a.author,
        "team": a.team,
        "created": a.created,
        "modified": a.modified,
        "deleted": a.deleted,
        "quote": {"exact": a.quote.exact, "prefix": a.quote.prefix, "suffix": a.quote.suffix},
        "position": {"start": a.position.start, "end": a.position.end},
        "note": a.note,
        "tags": list(a.tags),
        "colour": a.colour,
    }


def from_record(data: Any) -> Annotation:
    """The inverse of `to_record`; AnnotationError on anything malformed."""
    if not isinstance(data, dict):
        raise AnnotationError("an annotation must be a JSON object")
    try:
        quote = data["quote"]
        position = data["position"]
        tags = data.get("tags", [])
        if not isinstance(quote, dict) or not isinstance(position, dict):
            raise TypeError("selectors must be objects")
        if not isinstance(tags, list):
            raise TypeError("tags must be a list")
        strings = [quote["exact"], quote.get("prefix", ""), quote.get("suffix", "")]
        if not all(isinstance(s, str) for s in strings):
            raise TypeError("quote fields must be strings")
        ints = [data["doc_version"], position["start"], position["end"]]
        if not all(isinstance(i, int) and not isinstance(i, bool) for i in ints):
            raise TypeError("versions and offsets must be integers")
        if not isinstance(data.get("deleted", False), bool):
            raise TypeError("deleted must be true or false")
        a = Annotation(
            id=str(data["id"]).lower(),
            doc=data["doc"],
            doc_version=data["doc_version"],
            author=data["author"],
            team=data["team"],
            created=parse_time(data["created"], "created"),
            modified=parse_time(data["modified"], "modified"),
            deleted=data.get("deleted", False),
            quote=TextQuoteSelector(*strings),
            position=TextPositionSelector(position["start"], position["end"]),
            note=data.get("note", ""),
            tags=normalise_tags([str(t) for t in tags]),
            colour=data.get("colour", DEFAULT_COLOUR),
        )
    except (KeyError, TypeError) as exc:
        raise AnnotationError(f"malformed annotation: {exc}") from exc
    return validate(a)
