"""Extraction on Ray: Ray Data ``map_batches`` over an actor pool, one model per worker.

Why an actor pool: loading spaCy and opening the gazetteer cost seconds, so each worker (a Ray
actor) does it once in its constructor and then parses batch after batch. Documents travel as
JSON text and claims come back as JSON text (the domain model's own serialisation), so nothing
but strings crosses process boundaries and a worker on another machine needs only sitroom
installed. The driver keeps writing to the store, so resumability and fusion do not change.

Ray is imported only when this engine is used: the embedded default never pays its start-up.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from typing import Any

from ..model import Claim, Document, from_jsonable, to_jsonable
from ..registry import engines
from ..settings import Settings

__all__ = ["RayEngine", "ClaimWorker"]

log = logging.getLogger(__name__)


class ClaimWorker:
    """One Ray actor: loads the model and gazetteer once, then extracts batch after batch."""

    def __init__(self, model: str, gazetteer_path: str | None) -> None:
        from ..geo.gazetteer import open_gazetteer
        from ..nlp.parse import load_nlp

        self.model, self.gazetteer_path = model, gazetteer_path
        load_nlp(model)
        open_gazetteer(gazetteer_path)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        from ..extraction import extract_many

        documents = [from_jsonable(Document, json.loads(text)) for text in batch["document"]]
        ids, claims = [], []
        for document, found in extract_many(documents, model=self.model, batch_size=max(1, len(documents)),
                                            gazetteer_path=self.gazetteer_path):
            ids.append(document.id)
            claims.append(json.dumps([to_jsonable(c) for c in found], ensure_ascii=False))
        return {"document_id": ids, "claims": claims}


@engines.register("ray")
class RayEngine:
    """Extraction across the cores of a Ray cluster (a local one unless ``ray_address`` is set)."""

    name = "ray"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._started = False
        try:
            self._workers = int(settings.ray_workers) if settings.ray_workers is not None else None
        except (TypeError, ValueError):
            raise ValueError(f"setting ray_workers: expected a whole number, got {settings.ray_workers!r}") from None
        if self._workers is not None and self._workers < 1:
            raise ValueError("setting ray_workers: expected at least 1")

    def _ray(self) -> Any:
        try:
            import ray
            import ray.data
        except ImportError as exc:  # pragma: no cover - ray is a pinned dependency
            raise RuntimeError("engine=ray needs the ray package (pip install 'ray[data]')") from exc
        if not ray.is_initialized():
            # No usage reporting and no dashboard: sitroom never phones home.
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            ray.init(address=self.settings.ray_address, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING, configure_logging=False)
            self._started = True
            ctx = ray.data.DataContext.get_current()
            ctx.enable_progress_bars = False
            ctx.print_on_execution_start = False
        return ray

    def workers(self) -> int:
        if self._workers is not None:
            return self._workers
        return max(1, int(self._ray().cluster_resources().get("CPU", 1)))

    def chunk_size(self, batch_size: int) -> int:
        return batch_size * self.workers() * 4

    def extract(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[tuple[Document, list[Claim]]]:
        by_id = {d.id: d for d in documents}
        if not by_id:
            return
        ray = self._ray()
        items = [{"document": json.dumps(to_jsonable(d), ensure_ascii=False)} for d in by_id.values()]
        dataset = ray.data.from_items(items).map_batches(
            ClaimWorker, fn_constructor_args=(self.settings.spacy_model, self.settings.gazetteer_path),
            batch_size=batch_size, batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(self.workers(), len(items))),
        )
        for row in dataset.iter_rows():
            claims = [from_jsonable(Claim, c) for c in json.loads(row["claims"])]
            yield by_id[str(row["document_id"])], claims

    def close(self) -> None:
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
