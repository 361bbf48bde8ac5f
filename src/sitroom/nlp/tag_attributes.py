"""The attribute ruler's rules, applied by table lookups instead of a token matcher.

Why: spaCy's ``attribute_ruler`` in the small English pipeline maps fine-grained tags to POS and
morphology (and fixes some lemmas) with ~180 short patterns, and its matcher costs about 15% of
the parse's CPU time (bench/extract_speed.py). The patterns only test a token's tag, lower-case
form, dependency label or whether it is a space, so they compile to lookups: exact values go into
tables keyed by the attributes they test, the few value sets and exclusions ("IN", "NOT_IN",
"REGEX") become small predicates, and two-token patterns are checked at each position. Anything
else keeps going through a matcher. The output is identical: rules apply in the ruler's order,
later rules overriding earlier ones, as :class:`spacy.pipeline.AttributeRuler` does
(``tests/nlp/test_tag_attributes.py`` compares every token attribute on a corpus).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any, Callable

import numpy as np
from spacy import attrs as attrs_mod
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.pipeline.attributeruler import set_token_attrs
from spacy.tokens import Doc

from sitroom.nlp.lemmas import MEMO_LIMIT

__all__ = ["TagAttributes", "speed_up_attribute_ruler"]

#: Token attributes the compiled rules can test (spaCy attribute names, read with ``Doc.to_array``).
_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")

Mask = Callable[[Any, "np.ndarray"], "np.ndarray"]


def _value_mask(strings: Any, value: Any) -> Callable[[np.ndarray], np.ndarray] | None:
    """A vectorised test of one attribute column against a pattern value (``None``: not compiled)."""
    if isinstance(value, bool):
        return lambda col: col == int(value)
    if isinstance(value, str):
        h = strings.add(value)
        return lambda col: col == h
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            hashes = np.array([strings.add(a) for a in arg], dtype=np.uint64)
            if op == "IN":
                return lambda col: np.isin(col, hashes)
            return lambda col: ~np.isin(col, hashes)
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)

            memo: dict[int, bool] = {}  # string hash → match, per process (emptied past MEMO_LIMIT)

            def regex(col: np.ndarray) -> np.ndarray:
                if len(memo) > MEMO_LIMIT:
                    memo.clear()
                out = []
                for h in col.tolist():
                    hit = memo.get(h)
                    if hit is None:
                        hit = memo[h] = rx.search(strings[h]) is not None
                    out.append(hit)
                return np.array(out, dtype=bool)
            return regex
    return None


class TagAttributes:
    """A drop-in for a loaded :class:`AttributeRuler` (same rules, same result, faster)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.vocab = ruler.vocab
        strings = self.vocab.strings
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        # exact one-token rules on TAG and/or LOWER: (tag hash or 0, lower hash or 0) → rule ids
        self.exact: dict[tuple[int, int], list[int]] = defaultdict(list)
        # other compiled rules: (rule id, index of the token set, per pattern token: (column, test) list)
        self.rules: list[tuple[int, int, list[list[tuple[int, Callable[[np.ndarray], np.ndarray]]]]]] = []
        self.matcher = Matcher(self.vocab, validate=False)
        for attr_id in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(str(attr_id))
            index = self.indices[attr_id]
            rest = []
            for pattern in patterns:
                spec = pattern[0] if len(pattern) == 1 else None
                if spec and index in (0, -1) and set(spec) <= {"TAG", "LOWER"} and all(
                        isinstance(v, str) for v in spec.values()):
                    key = (strings.add(spec["TAG"]) if "TAG" in spec else 0,
                           strings.add(spec["LOWER"]) if "LOWER" in spec else 0)
                    self.exact[key].append(attr_id)
                    continue
                compiled = []
                for tok_spec in pattern:
                    tests = [(_KEYS.index(k), _value_mask(strings, v)) for k, v in tok_spec.items() if k in _KEYS]
                    if not tok_spec or len(tests) != len(tok_spec) or any(t is None for _, t in tests):
                        compiled = None
                        break
                    compiled.append(tests)
                if compiled and -len(pattern) <= index < len(pattern):
                    self.rules.append((attr_id, index % len(pattern), compiled))  # type: ignore[arg-type]
                else:
                    rest.append(pattern)
            if rest:
                self.matcher.add(str(attr_id), rest)
        self._attr_ids = [getattr(attrs_mod, k) for k in _KEYS]
        self._merged: dict[tuple[int, ...], dict[Any, Any]] = {}
        # Per process (the first emptied past MEMO_LIMIT): (tag, lower) → exact rule ids; rule id set → attrs.
        self._exact_for: dict[tuple[int, int], frozenset[int]] = {}
        self._merged_by_set: dict[frozenset[int], dict[Any, Any]] = {}

    def _attrs_for(self, ids: tuple[int, ...]) -> dict[Any, Any]:
        """What the rules ``ids`` set together, applied in rule order (later rules win)."""
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for attr_id in ids:
                merged.update(self.attrs[attr_id])
            self._merged[ids] = merged
        return merged

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        cols = doc.to_array(self._attr_ids).reshape(n, len(_KEYS))
        columns = [cols[:, j] for j in range(len(_KEYS))]
        found: list[frozenset[int] | None] = [None] * n
        if len(self._exact_for) > MEMO_LIMIT:
            self._exact_for.clear()
        exact_for = self._exact_for
        for i, key in enumerate(zip(columns[0].tolist(), columns[1].tolist())):
            got = exact_for.get(key)
            if got is None:
                got = exact_for[key] = self._exact_ids(*key)
            if got:
                found[i] = got
        # Each test runs on a column's distinct values (a few hundred), read back per token.
        distinct = [np.unique(column, return_inverse=True) for column in columns]
        for attr_id, offset, compiled in self.rules:
            width = len(compiled)
            if width > n:
                continue
            mask = np.ones(n - width + 1, dtype=bool)
            for j, tests in enumerate(compiled):
                for col, test in tests:
                    values, where = distinct[col]
                    mask &= test(values)[where[j:n - width + 1 + j]]
            for i in np.flatnonzero(mask).tolist():
                found[i + offset] = (found[i + offset] or frozenset()) | {attr_id}
        if len(self.matcher):
            for match_id, start, end in self.matcher(doc, allow_missing=True, as_spans=False):
                attr_id = int(self.vocab.strings[match_id])
                index = self.indices[attr_id]
                i = (start if index >= 0 else end) + index
                found[i] = (found[i] or frozenset()) | {attr_id}
        merged = self._merged_by_set
        for i, ids in enumerate(found):
            if ids:
                attrs = merged.get(ids)
                if attrs is None:
                    attrs = merged[ids] = self._attrs_for(tuple(sorted(ids)))
                set_token_attrs(doc[i], attrs)
        return doc

    def _exact_ids(self, tag: int, lower: int) -> frozenset[int]:
        """The exact one-token rules a token with this tag and lower-case form matches."""
        out: set[int] = set()
        for key in ((tag, 0), (tag, lower), (0, lower)):
            out.update(self.exact.get(key, ()))
        return frozenset(out)


@Language.factory("sitroom_tag_attributes")
def make_tag_attributes(nlp: Language, name: str, ruler: str = "attribute_ruler") -> TagAttributes:
    """The compiled rules of the pipeline's attribute ruler ``ruler`` (which must come first)."""
    return TagAttributes(nlp.get_pipe(ruler))


def speed_up_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Run :class:`TagAttributes` in place of the pipeline's attribute ruler.

    The stock ruler stays in the pipeline, disabled (its rules are the source of truth, and a
    saved pipeline reloads with both, given that this module is imported).
    """
    if name not in nlp.pipe_names or not isinstance(nlp.get_pipe(name), AttributeRuler):
        return
    nlp.add_pipe("sitroom_tag_attributes", after=name, config={"ruler": name})
    nlp.disable_pipe(name)
