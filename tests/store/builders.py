"""Documents, groups and batches for the store tests, built in code."""

from __future__ import annotations

import zlib
from collections import Counter

import numpy as np

from newsweave.model import BatchResult, Document, Features, Group, PartialDate, Skipped
from newsweave.store import Store

DIM = 16


def make_doc(doc_id: str, text: str | None = None, published: str | None = None, **kw) -> Document:
    rng = np.random.default_rng(zlib.crc32(doc_id.encode()))
    vector = rng.normal(size=DIM).astype(np.float32)
    return Document(
        id=doc_id,
        text=text or f"Body of {doc_id}: troops, talks and figures.",
        title=f"Title {doc_id}",
        published=PartialDate.parse(published) if published else None,
        embedding=vector / np.linalg.norm(vector),
        features=Features(names={"bahmut": "Bakhmut"}, numbers={"6000"}, quotes={7, 9}),
        **kw,
    )


def make_group(gid: int, first: str | None, last: str | None, parent: int | None = None) -> Group:
    start = PartialDate.parse(first) if first else None
    end = PartialDate.parse(last) if last else None
    dated = [d for d in (start, end) if d is not None]
    return Group(
        id=gid,
        vector_sum=np.arange(DIM, dtype=np.float32) + gid,
        size=2,
        names=Counter({"bahmut": 2, "putin": 1}),
        numbers=Counter({"6000": 1}),
        quotes={3, 5, 8},
        languages=Counter({"en": 1, "fr": 1}),
        first=start,
        last=end,
        title=f"Story {gid}",
        parent=parent,
        members=0 if parent else 1,
        date_sum=sum(d.ordinal() for d in dated),
        dated=len(dated),
    )


def save(
    store: Store,
    docs=(),
    stories=(),
    threads=(),
    skipped: tuple[Skipped, ...] | list[Skipped] = (),
    name_df: Counter[str] | None = None,
    keys: dict[str, list[int]] | None = None,
    **parts,
) -> None:
    store.save_batch(
        BatchResult(
            docs=list(docs),
            lsh_keys=keys or {},
            stories=list(stories),
            threads=list(threads),
            skipped=list(skipped),
            name_df=name_df or Counter(),
            **parts,
        )
    )
