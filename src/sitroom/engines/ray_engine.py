"""Extraction on Ray: a pool of Ray actors, one model per worker, kept for the whole run.

Why actors that live as long as the engine: loading spaCy and opening the gazetteer cost seconds,
so each worker does it once in its constructor and then parses batch after batch (a Ray Data
pipeline per chunk would start a new pool, and load the model again, for every chunk). Documents
travel as JSON text and claims come back as JSON text (the domain model's own serialisation),
so nothing but strings crosses process boundaries and a worker on another machine needs only
sitroom installed. The driver keeps writing to the store, so resumability and fusion do not
change. Batches are handed out as workers free up, at most two in flight per worker.

Ray is imported only when this engine is used: the embedded default never pays its start-up.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..model import Claim, Document, from_jsonable, to_jsonable
from ..registry import engines
from ..settings import Settings

if TYPE_CHECKING:
    from ..extraction import Extracted

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

    def extract(self, documents_json: list[str]) -> list[tuple[str, str]]:
        """``(document id, claims as JSON)`` for each document given as JSON."""
        from ..extraction import ExtractionFailure, extract_many

        documents = [from_jsonable(Document, json.loads(text)) for text in documents_json]
        return [(document.id, json.dumps({"failure": found.reason} if isinstance(found, ExtractionFailure)
                                         else [to_jsonable(c) for c in found], ensure_ascii=False))
                for document, found in extract_many(documents, model=self.model, batch_size=max(1, len(documents)),
                                                    gazetteer_path=self.gazetteer_path)]


@engines.register("ray")
class RayEngine:
    """Extraction across the cores of a Ray cluster (a local one unless ``ray_address`` is set)."""

    name = "ray"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._started = False
        self._actors: list[Any] = []
        try:
            self._workers = int(settings.ray_workers) if settings.ray_workers is not None else None
        except (TypeError, ValueError):
            raise ValueError(f"setting ray_workers: expected a whole number, got {settings.ray_workers!r}") from None
        if self._workers is not None and self._workers < 1:
            raise ValueError("setting ray_workers: expected at least 1")

    def _ray(self) -> Any:
        try:
            import ray
        except ImportError as exc:  # pragma: no cover - ray is a pinned dependency
            raise RuntimeError("engine=ray needs the ray package (pip install 'ray[data]')") from exc
        if not ray.is_initialized():
            # No usage reporting and no dashboard: sitroom never phones home.
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            ray.init(address=self.settings.ray_address, include_dashboard=False, log_to_driver=False,
                     logging_level=logging.WARNING, configure_logging=False,
                     # one BLAS thread per worker, as in this process (see sitroom/__init__.py)
                     runtime_env={"env_vars": {"OPENBLAS_NUM_THREADS": "1"}})
            self._started = True
        return ray

    def workers(self) -> int:
        if self._workers is not None:
            return self._workers
        return max(1, int(self._ray().cluster_resources().get("CPU", 1)))

    def _pool(self) -> list[Any]:
        if not self._actors:
            ray = self._ray()
            worker = ray.remote(num_cpus=1)(ClaimWorker)
            self._actors = [worker.remote(self.settings.spacy_model, self.settings.gazetteer_path)
                            for _ in range(self.workers())]
        return self._actors

    def chunk_size(self, batch_size: int) -> int:
        return batch_size * self.workers() * 4

    def extract(self, documents: Iterable[Document], *, batch_size: int = 32) -> Iterator[Extracted]:
        from ..extraction import ExtractionFailure

        docs = list(documents)
        if not docs:
            return
        ray = self._ray()
        actors = self._pool()
        texts = [json.dumps(to_jsonable(d), ensure_ascii=False) for d in docs]
        # Batches carry their documents' positions: two inputs may share an id (the same text
        # twice), and each is answered, as the local engine does.
        batches = [(list(range(i, min(i + batch_size, len(docs)))), texts[i:i + batch_size])
                   for i in range(0, len(texts), batch_size)]
        idle = [a for a in actors for _ in range(2)]  # two batches in flight per worker
        running: dict[Any, Any] = {}
        while batches or running:
            while batches and idle:
                actor = idle.pop()
                positions, chunk = batches.pop(0)
                running[actor.extract.remote(chunk)] = (actor, positions)
            done, _ = ray.wait(list(running), num_returns=1)
            for ref in done:
                actor, positions = running.pop(ref)
                idle.append(actor)
                for position, (_, claims) in zip(positions, ray.get(ref)):
                    found = json.loads(claims)
                    yield docs[position], (ExtractionFailure(found["failure"]) if isinstance(found, dict)
                                           else [from_jsonable(Claim, c) for c in found])

    def close(self) -> None:
        if self._actors:
            import ray

            for actor in self._actors:
                ray.kill(actor)
            self._actors = []
        if self._started:
            import ray

            ray.shutdown()
            self._started = False
