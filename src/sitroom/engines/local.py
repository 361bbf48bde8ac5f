"""The default engine: extraction in this process, the model loaded once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..extraction import Extracted, extract_many
from ..model import Claim, Document
from ..registry import engines
from ..settings import Settings

__all__ = ["LocalEngine"]


@engines.register("local")
class LocalEngine:
    """``nlp.pipe`` batches in this process: the embedded default, one core."""

    name = "local"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def chunk_size(self, batch_size: int) -> int:
        return batch_size

    def extract(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extracted]:
        yield from extract_many(documents, model=self.settings.spacy_model, batch_size=batch_size,
                                gazetteer_path=self.settings.gazetteer_path)

    def close(self) -> None:
        pass
