"""Self-RAG memory: task embeddings, a FAISS store of solved tasks, HDBSCAN concept clusters, and recall
(the prior bias and exemplar programs the search starts from). Depends on `dsl` only."""
from .embed import EMBED_VERSION, embed_program, embed_task, task_dim
from .recall import Neighbour, Recall, RecallConfig, recall, recall_vector
from .store import (
                    ENV_DIR,
                    Entry,
                    Hit,
                    MemoryCorruptError,
                    MemoryStore,
                    MemoryStoreError,
                    MemoryVersionError,
                    StoreData,
                    default_dir,
)

__all__ = ["EMBED_VERSION", "embed_task", "embed_program", "task_dim", "Recall", "RecallConfig", "Neighbour",
           "recall", "recall_vector", "ENV_DIR", "Entry", "Hit", "MemoryStore", "MemoryStoreError",
           "MemoryCorruptError", "MemoryVersionError", "StoreData", "default_dir"]
