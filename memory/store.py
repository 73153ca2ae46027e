"""The memory store: a FAISS index of solved-task embeddings plus metadata, persisted in one file.

Layout of `<dir>/store.arcmem`: a magic line, an 8-byte header length, a JSON header (format and
embedding versions, dimension, entries' metadata, clusters, a SHA-256 of the payload), then the payload:
the float32 vectors and the serialized FAISS index. A file that fails any of these checks raises
MemoryCorruptError; one of another format or embedding version raises MemoryVersionError. Neither is ever
used silently.

Writes hold an exclusive fcntl lock on `<dir>/.lock`, re-read the file under the lock (so concurrent
writers merge instead of overwriting each other), write a temporary file, fsync it and `os.replace` it
over the store: a reader sees the old or the new store, never a mix, and an interrupted write leaves the
previous store intact.

The index is exact (IndexFlatIP) below IVF_THRESHOLD entries and IndexIVFFlat (inner product, about
sqrt(n) lists) above; vectors are unit length, so inner product is cosine similarity.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import math
import os
import struct
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Iterator, Optional, Sequence

import faiss
import numpy as np

from .embed import EMBED_VERSION, task_dim

FORMAT = 1
MAGIC = b"ARCSYNTH-MEMORY\n"
STORE_FILE = "store.arcmem"
LOCK_FILE = ".lock"
ENV_DIR = "ARCSYNTH_MEMORY_DIR"
DEFAULT_DIR = Path("~/.cache/arcsynth/memory")
#: Entries from which the index becomes IVF (approximate) instead of exact.
IVF_THRESHOLD = 4096
#: Least cosine similarity to its nearest clustered neighbour for a new entry to join that cluster.
ASSIGN_SIMILARITY = 0.9


class MemoryStoreError(ValueError):
    """A memory store that cannot be used; the message names the file and what to do."""


class MemoryCorruptError(MemoryStoreError):
    """The store file is damaged (bad magic, header, length or checksum)."""


class MemoryVersionError(MemoryStoreError):
    """The store was written by another format or embedding version."""


@dataclass
class Entry:
    """Metadata of one remembered solution."""

    task_id: str
    program: str
    primitives: list[str]
    posterior: Optional[float] = None     # log posterior when the solver found it
    source: str = "solved"                # reference | solved
    time: float = 0.0                     # unix time it was added
    cluster: int = -1                     # HDBSCAN cluster (-1: noise or not clustered yet)


@dataclass
class Hit:
    """A query result: an entry, its row and its cosine similarity to the query."""

    entry: Entry
    row: int
    similarity: float


def default_dir() -> Path:
    """The store directory: $ARCSYNTH_MEMORY_DIR, else ~/.cache/arcsynth/memory."""
    env = os.environ.get(ENV_DIR)
    return Path(env).expanduser() if env else DEFAULT_DIR.expanduser()


def _build_index(vectors: np.ndarray) -> tuple[faiss.Index, str]:
    """An exact inner-product index for small stores, IVF for large ones."""
    n, d = vectors.shape
    if n < IVF_THRESHOLD:
        index = faiss.IndexFlatIP(d)
        kind = "flat"
    else:
        nlist = max(1, int(math.sqrt(n)))
        quantizer = faiss.IndexFlatIP(d)
        index = faiss.IndexIVFFlat(quantizer, d, nlist, faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.nprobe = max(8, nlist // 8)
        kind = "ivf"
    if n:
        index.add(vectors)
    return index, kind


@dataclass
class StoreData:
    """The in-memory contents of a store: vectors, entries, clusters and the FAISS index over the vectors."""

    vectors: np.ndarray
    entries: list[Entry]
    clusters: dict = field(default_factory=dict)
    index: Optional[faiss.Index] = None
    index_kind: str = "flat"
    trained_on: int = 0
    _df: Optional[tuple[int, dict[str, float]]] = field(default=None, repr=False)

    @classmethod
    def empty(cls) -> "StoreData":
        """A store with no entries."""
        return cls(np.zeros((0, task_dim()), dtype=np.float32), [])

    def ensure_index(self) -> faiss.Index:
        """The FAISS index, (re)built when missing, when IVF is due, or when the store doubled since training."""
        n = len(self.entries)
        stale = (self.index is None or self.index.ntotal != n
                 or (self.index_kind == "flat") != (n < IVF_THRESHOLD)
                 or (self.index_kind == "ivf" and n >= 2 * max(1, self.trained_on)))
        if stale:
            self.index, self.index_kind = _build_index(self.vectors)
            self.trained_on = n
        return self.index  # type: ignore[return-value]

    def add(self, vecs: np.ndarray, entries: Sequence[Entry]) -> None:
        """Append rows (the index grows in place when it stays of the same kind)."""
        if not len(entries):
            return
        vecs = np.ascontiguousarray(vecs, dtype=np.float32).reshape(len(entries), -1)
        if vecs.shape[1] != self.vectors.shape[1]:
            raise ValueError(f"vector dimension {vecs.shape[1]} != store dimension {self.vectors.shape[1]}")
        self.vectors = np.concatenate([self.vectors, vecs])
        self.entries.extend(entries)
        n = len(self.entries)
        if self.index is not None and (self.index_kind == "flat") == (n < IVF_THRESHOLD) and not (
                self.index_kind == "ivf" and n >= 2 * max(1, self.trained_on)):
            self.index.add(vecs)

    def nearest_cluster(self, vec: np.ndarray) -> int:
        """The cluster a new entry joins: its nearest clustered neighbour's, when similar enough; else -1."""
        for hit in self.search(vec, 5):
            if hit.entry.cluster >= 0:
                return hit.entry.cluster if hit.similarity >= ASSIGN_SIMILARITY else -1
        return -1

    def search(self, query: np.ndarray, k: int, exclude_task: Optional[str] = None) -> list[Hit]:
        """The k most similar entries (cosine), skipping entries of `exclude_task`."""
        n = len(self.entries)
        if n == 0 or k <= 0:
            return []
        index = self.ensure_index()
        skip = sum(e.task_id == exclude_task for e in self.entries) if exclude_task is not None else 0
        want = min(n, k + skip)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
        sims, rows = index.search(q, want)
        hits = []
        for s, r in zip(sims[0], rows[0]):
            if r < 0:
                continue
            e = self.entries[int(r)]
            if exclude_task is not None and e.task_id == exclude_task:
                continue
            hits.append(Hit(e, int(r), float(s)))
            if len(hits) == k:
                break
        return hits

    def primitive_frequencies(self) -> dict[str, float]:
        """Share of stored solutions that use each primitive (cached until the store changes)."""
        key = len(self.entries)
        if self._df is None or self._df[0] != key:
            counts: dict[str, int] = {}
            for e in self.entries:
                for p in set(e.primitives):
                    counts[p] = counts.get(p, 0) + 1
            self._df = (key, {p: c / max(1, key) for p, c in counts.items()})
        return self._df[1]

    def has(self, task_id: str, program: str) -> bool:
        """Whether this exact (task, program) is already stored."""
        return any(e.task_id == task_id and e.program == program for e in self.entries)

    # --------------------------------------------------------------------------- (de)serialisation
    def to_bytes(self) -> bytes:
        """The store file contents: magic, header length, header, payload."""
        index = self.ensure_index()
        vec_bytes = np.ascontiguousarray(self.vectors, dtype=np.float32).tobytes()
        idx_bytes = faiss.serialize_index(index).tobytes()
        payload = vec_bytes + idx_bytes
        header = {"format": FORMAT, "embed_version": EMBED_VERSION, "dim": int(self.vectors.shape[1]),
                  "count": len(self.entries), "entries": [asdict(e) for e in self.entries], "clusters": self.clusters,
                  "index_kind": self.index_kind, "trained_on": self.trained_on,
                  "vector_bytes": len(vec_bytes), "index_bytes": len(idx_bytes),
                  "payload_sha256": hashlib.sha256(payload).hexdigest()}
        hb = json.dumps(header, separators=(",", ":")).encode()
        return MAGIC + struct.pack("<Q", len(hb)) + hb + payload

    @classmethod
    def from_bytes(cls, data: bytes, where: str) -> "StoreData":
        """Parse and check a store file; MemoryCorruptError or MemoryVersionError when it cannot be used."""
        fix = "delete it or rebuild it with `arcsynth memory build --rebuild` (or run with --no-memory)"
        if not data.startswith(MAGIC):
            raise MemoryCorruptError(f"{where}: not an arcsynth memory store (bad magic); {fix}")
        off = len(MAGIC)
        if len(data) < off + 8:
            raise MemoryCorruptError(f"{where}: truncated store (no header length); {fix}")
        (hl,) = struct.unpack("<Q", data[off: off + 8])
        off += 8
        if len(data) < off + hl:
            raise MemoryCorruptError(f"{where}: truncated store (header cut short); {fix}")
        try:
            header = json.loads(data[off: off + hl].decode())
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise MemoryCorruptError(f"{where}: unreadable header ({e}); {fix}") from None
        if not isinstance(header, dict):
            raise MemoryCorruptError(f"{where}: header is not an object; {fix}")
        if header.get("format") != FORMAT or header.get("embed_version") != EMBED_VERSION or header.get("dim") != task_dim():
            raise MemoryVersionError(
                f"{where}: store has format {header.get('format')!r}, embedding {header.get('embed_version')!r} "
                f"(dim {header.get('dim')!r}); this arcsynth reads format {FORMAT}, embedding {EMBED_VERSION!r} "
                f"(dim {task_dim()}); {fix}")
        payload = data[off + hl:]
        try:
            vb, ib, n, d = int(header["vector_bytes"]), int(header["index_bytes"]), int(header["count"]), int(header["dim"])
            ok_len = len(payload) == vb + ib and vb == n * d * 4
        except (KeyError, TypeError, ValueError) as e:
            raise MemoryCorruptError(f"{where}: header lacks sizes ({e}); {fix}") from None
        if not ok_len:
            raise MemoryCorruptError(f"{where}: payload length does not match the header; {fix}")
        if hashlib.sha256(payload).hexdigest() != header.get("payload_sha256"):
            raise MemoryCorruptError(f"{where}: checksum mismatch (the file was damaged); {fix}")
        try:
            entries = [Entry(**e) for e in header["entries"]]
        except (KeyError, TypeError) as e:
            raise MemoryCorruptError(f"{where}: bad entry metadata ({e}); {fix}") from None
        if len(entries) != n:
            raise MemoryCorruptError(f"{where}: {len(entries)} entries but count {n}; {fix}")
        vectors = np.frombuffer(payload[:vb], dtype=np.float32).reshape(n, d).copy()
        index = faiss.deserialize_index(np.frombuffer(payload[vb:], dtype=np.uint8).copy()) if ib else None
        out = cls(vectors, entries, header.get("clusters") or {}, index, header.get("index_kind", "flat"),
                  int(header.get("trained_on", n)))
        if index is not None and index.ntotal != n:
            raise MemoryCorruptError(f"{where}: index holds {index.ntotal} vectors, header says {n}; {fix}")
        return out


class MemoryStore:
    """A store directory: load (cached on the file's identity), and locked read-modify-write updates."""

    def __init__(self, directory: Optional[str | os.PathLike] = None):
        self.dir = Path(directory).expanduser() if directory else default_dir()
        self.path = self.dir / STORE_FILE
        self._cache: Optional[tuple[tuple, StoreData]] = None

    def __repr__(self) -> str:
        return f"MemoryStore({str(self.dir)!r})"

    def exists(self) -> bool:
        """Whether the store file exists."""
        return self.path.exists()

    def _stamp(self) -> Optional[tuple]:
        """The file's identity (inode, mtime, size), or None when absent."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_mtime_ns, st.st_size)

    def load(self) -> StoreData:
        """The current contents (empty when there is no store yet); corrupt or foreign stores raise."""
        stamp = self._stamp()
        if stamp is None:
            return StoreData.empty()
        if self._cache is not None and self._cache[0] == stamp:
            return self._cache[1]
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return StoreData.empty()
        except OSError as e:
            raise MemoryStoreError(f"{self.path}: cannot read memory store: {e}") from None
        sd = StoreData.from_bytes(data, str(self.path))
        self._cache = (stamp, sd)
        return sd

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's exclusive write lock (blocks while another process holds it)."""
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.dir / LOCK_FILE, "a+") as lf:
            fcntl.flock(lf.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lf.fileno(), fcntl.LOCK_UN)

    def _write(self, sd: StoreData) -> None:
        """Write atomically (temporary file, fsync, os.replace); call with the lock held."""
        for stale in self.dir.glob(STORE_FILE + ".tmp.*"):  # left by a killed writer; safe to drop under the lock
            with contextlib.suppress(OSError):
                stale.unlink()
        blob = sd.to_bytes()
        tmp = self.dir / f"{STORE_FILE}.tmp.{os.getpid()}"
        try:
            with open(tmp, "wb") as f:
                f.write(blob)
                f.flush()
                os.fsync(f.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        with contextlib.suppress(OSError):
            dfd = os.open(self.dir, os.O_RDONLY)
            try:
                os.fsync(dfd)
            finally:
                os.close(dfd)
        self._cache = None

    @contextlib.contextmanager
    def _uncached(self) -> Iterator[None]:
        """Drop the cached contents before and after the block."""
        self._cache = None
        try:
            yield
        finally:
            self._cache = None

    @contextlib.contextmanager
    def update(self, fresh: bool = False) -> Iterator[StoreData]:
        """Locked read-modify-write: yields the current contents (or an empty store with fresh=True); saved on exit."""
        with self.locked():
            self._cache = None
            try:
                sd = StoreData.empty() if fresh else self.load()
                yield sd
                self._write(sd)
            finally:
                self._cache = None  # never keep contents that may differ from the file

    def add(self, items: Sequence[tuple[np.ndarray, Entry]], assign_clusters: bool = True) -> int:
        """Add (vector, entry) pairs, skipping (task, program) pairs already stored; returns how many were added."""
        with self.locked(), self._uncached():
            sd = self.load()
            new: list[tuple[np.ndarray, Entry]] = []
            for vec, e in items:
                if sd.has(e.task_id, e.program) or any(x.task_id == e.task_id and x.program == e.program for _, x in new):
                    continue
                if not e.time:
                    e.time = time.time()
                new.append((vec, e))
            if not new:
                return 0
            if assign_clusters and sd.clusters:
                for vec, e in new:
                    e.cluster = sd.nearest_cluster(vec)
            sd.add(np.stack([v for v, _ in new]), [e for _, e in new])
            self._write(sd)
            return len(new)


__all__ = ["MemoryStore", "StoreData", "Entry", "Hit", "MemoryStoreError", "MemoryCorruptError",
           "MemoryVersionError", "default_dir", "ENV_DIR", "IVF_THRESHOLD"]
