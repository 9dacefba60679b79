"""jieba, imported quietly and loaded once, with its prefix dictionary cached in our own data directory.

- Import: jieba 0.42 imports pkg_resources (deprecated; a warning on new setuptools, and ~0.1 s) and has invalid
  escape sequences (SyntaxWarning on Python 3.12+, DeprecationWarning before, when its .py files are compiled).
  We import it with pkg_resources blocked (jieba then opens its files directly, as it does without setuptools)
  and with precise filters for those warnings only, inside warnings.catch_warnings, so our own warnings and
  everyone else's still show. jieba's logger is set to WARNING: it prints nothing at start-up.
- Load: jieba's own cache (marshal, in /tmp) takes as long to read as the dictionary takes to build (~0.8 s
  here, SPEC §6). We keep the prefix dictionary in `cache_dir` in a simpler format (keys joined by newlines,
  frequencies as an array), which reads in a fraction of that; the file name carries jieba's version and the
  dictionary's size and mtime, so an upgrade rebuilds it. Anything wrong with the cache falls back to building.
- Our user dictionary (every lexicon form plus userdict.txt) is added after the load with add_word.
"""

from __future__ import annotations

import array
import contextlib
import logging
import math
import os
import struct
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path
from types import ModuleType

_MAGIC = b"CNCLJB01"
_HEADER = struct.Struct("<8sQQQ")  # magic, total, number of keys, bytes of keys
_CACHE_SUFFIX = ".prefix"
_USER_FREQ = 3000  # high enough to keep a domain term whole, low enough not to swallow its neighbours
_import_lock = threading.Lock()


def import_jieba() -> ModuleType:
    """Import jieba without its import-time warnings, and without pkg_resources."""
    with _import_lock:
        module = sys.modules.get("jieba")
        if module is not None:
            return module
        blocked = "pkg_resources" not in sys.modules
        with warnings.catch_warnings():
            # The two warnings jieba causes, matched by category, message and module, nothing broader.
            warnings.filterwarnings("ignore", message=r"pkg_resources is deprecated", category=DeprecationWarning)
            warnings.filterwarnings("ignore", message=r"pkg_resources is deprecated", category=UserWarning)
            warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=SyntaxWarning,
                                    module=r".*[\\/]jieba[\\/]")
            warnings.filterwarnings("ignore", message=r"invalid escape sequence", category=DeprecationWarning,
                                    module=r".*[\\/]jieba[\\/]")
            if blocked:
                sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # jieba falls back to open()
            try:
                import jieba
            finally:
                if blocked and sys.modules.get("pkg_resources", 0) is None:
                    del sys.modules["pkg_resources"]
        jieba.setLogLevel(logging.WARNING)
        return jieba


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/stairwell-council, else ~/.cache/stairwell-council (never the shared /tmp)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "stairwell-council"


class Segmenter:
    """One jieba Tokenizer with our words, loaded once (thread-safe) and used for every cut."""

    def __init__(self, cache_dir: str | Path | None, user_words: list[str]):
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._user_words = user_words
        self._lock = threading.Lock()
        self._tokenizer = None
        self.load_seconds: float | None = None
        self._general: dict[str, int] = {}  # jieba's own frequency of our user words (before we raised it)
        self._total = 0
        self.cache_used: bool | None = None

    @property
    def ready(self) -> bool:
        return self._tokenizer is not None

    def load(self) -> float:
        """Load now (blocks until loaded, also when another thread is loading); seconds this call took."""
        started = time.perf_counter()
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build()
                    self.load_seconds = time.perf_counter() - started
        return time.perf_counter() - started

    def cut(self, text: str) -> list[str]:
        tokenizer = self._tokenizer
        if tokenizer is None:
            self.load()
            tokenizer = self._tokenizer
        return tokenizer.lcut(text, HMM=False)

    def information(self, word: str) -> float:
        """How rare a word is in general Chinese (jieba's dictionary): log(total / frequency), in nats.
        Everyday words (服务 ≈ 8, 政府 ≈ 7) score low, domain terms (流浪狗, 投喂点) high."""
        if self._tokenizer is None:
            self.load()
        frequency = self._general.get(word)
        if frequency is None:
            frequency = self._tokenizer.FREQ.get(word, 0)
        return math.log(self._total / (frequency + 1))

    # -------------------------------------------------------------- internals

    def _build(self):
        jieba = import_jieba()
        tokenizer = jieba.Tokenizer()
        dict_path = _default_dict_path(jieba)
        cache_path = self._cache_path(jieba, dict_path)
        loaded = _read_cache(cache_path) if cache_path is not None else None
        self.cache_used = loaded is not None
        if loaded is None:
            with tokenizer.get_dict_file() as handle:
                loaded = tokenizer.gen_pfdict(handle)
            if cache_path is not None:
                _write_cache(cache_path, *loaded)
        tokenizer.FREQ, tokenizer.total = loaded
        tokenizer.initialized = True
        self._total = tokenizer.total
        for word in self._user_words:
            frequency = tokenizer.FREQ.get(word, 0)
            if frequency < _USER_FREQ:
                self._general[word] = frequency
                tokenizer.add_word(word, _USER_FREQ)
        return tokenizer

    def _cache_path(self, jieba, dict_path: Path) -> Path | None:
        try:
            stat = dict_path.stat()
        except OSError:
            return None
        name = f"jieba-{jieba.__version__}-{stat.st_size}-{int(stat.st_mtime)}{_CACHE_SUFFIX}"
        return self.cache_dir / name


def _default_dict_path(jieba) -> Path:
    return Path(jieba.__file__).resolve().parent / "dict.txt"


def _read_cache(path: Path) -> tuple[dict[str, int], int] | None:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        magic, total, count, key_bytes = _HEADER.unpack_from(data, 0)
        if magic != _MAGIC:
            return None
        start = _HEADER.size
        keys = data[start:start + key_bytes].decode("utf-8").split("\n")
        freqs = array.array("I")
        freqs.frombytes(data[start + key_bytes:])
        if len(keys) != count or len(freqs) != count:
            return None
        return dict(zip(keys, freqs.tolist(), strict=True)), total
    except (OSError, ValueError, struct.error, UnicodeDecodeError):
        return None


def _write_cache(path: Path, freq: dict[str, int], total: int) -> None:
    """Write atomically; a cache that cannot be written only costs the next start the build again."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = "\n".join(freq).encode("utf-8")
        freqs = array.array("I", freq.values())
        fd, tmp = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(_HEADER.pack(_MAGIC, total, len(freq), len(keys)))
            handle.write(keys)
            handle.write(freqs.tobytes())
        os.replace(tmp, path)
        for old in path.parent.glob(f"jieba-*{_CACHE_SUFFIX}"):  # caches of other jieba versions: ours to remove
            if old != path:
                with contextlib.suppress(OSError):
                    old.unlink()
        _remove_abandoned(path)
    except (OSError, OverflowError):
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _remove_abandoned(path: Path, older_than: float = 600.0) -> None:
    """Half-written caches of a process stopped while writing (the bot exits without waiting for the load).
    Only old ones: a file just created may be another process's write in progress."""
    now = time.time()
    for stale in path.parent.glob(f"{path.name}*.tmp"):
        with contextlib.suppress(OSError):
            if now - stale.stat().st_mtime > older_than:
                stale.unlink()
