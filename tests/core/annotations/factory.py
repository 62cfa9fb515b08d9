"""Building annotations for tests with fixed times and ids."""

from __future__ import annotations

import uuid
from typing import Any

from kbclient.core.annotations.model import Annotation, create_from_quote

TEXT = (
    "Regulatory sandboxes let firms test new financial products with real customers. "
    "Each firm must report its liquidity coverage ratio every quarter. "
    "监管沙盒试点于2019年启动，首批共有十二家机构入选。"
)


def make(
    quote: str = "liquidity coverage ratio",
    *,
    text: str = TEXT,
    doc: str = "rn-1",
    author: str = "alice",
    team: str = "legal",
    now: str = "2026-11-28T10:00:00.000Z",
    n: int | None = None,
    **kwargs: Any,
) -> Annotation:
    annotation_id = str(uuid.UUID(int=n)) if n is not None else None
    return create_from_quote(
        text,
        quote,
        doc=doc,
        doc_version=kwargs.pop("doc_version", 1),
        author=author,
        team=team,
        now=now,
        annotation_id=annotation_id,
        **kwargs,
    )
