"""The claim cache: the claims extracted from a document, kept in SQLite under
`.factcheck-cache/`, so a run after a one-file change re-extracts one file.

There is one entry per document name, holding the claims and what they were extracted
from: the document's sha256, the extractor's version and the rules' digest; a change to
any of them misses, and the new claims replace the entry. The extractor's version is a hash of the
extractor's own source (and of the rules loader it calls, and quantulum3's version), so
a change to that code or lexicon never serves stale claims. The cache is only
ever an optimisation: it is safe to delete, and a corrupt or unreadable cache is rebuilt
with a warning, never an error; a busy or unwritable one is left alone and the run goes
on without it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import sqlite3
from dataclasses import dataclass, fields
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from factcheck.engine import extract_claims_of
from factcheck.model import Claim, ClaimKind, Document, Qualifier
from factcheck.rules import Rules
from factcheck.version import __version__

logger = logging.getLogger(__name__)

# fields the frame stage fills: never cached, so a change to the frame rules
# (rules/events.yaml) keeps every cached extraction
FRAME_ONLY = frozenset({"event", "event_label", "facets", "event_home"})

DEFAULT_CACHE_DIR = Path(".factcheck-cache")
DATABASE_NAME = "claims.sqlite3"
# Entries are committed in batches: one commit (and fsync) per document would cost more
# than the extraction it saves; a crash loses at most a batch, and a cache may lose entries.
COMMIT_EVERY = 200
BUSY_TIMEOUT = 5.0  # seconds to wait for another run that is writing the cache
# the errors that mean the file is not a usable database (rebuilt), unlike "locked" (left be)
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
# The code a claim depends on: the extractor package, the data types it builds and the
# rules' loader (whose lookups it uses); quantulum3's version stands for its unit tables.
_EXTRACTOR_SOURCES = ("extract", "model.py", "rules.py")


@functools.cache
def extractor_version() -> str:
    """A hash of the installed extractor's source files, the package version and
    quantulum3's version."""
    digest = hashlib.sha256(f"{__version__}\0{metadata.version('quantulum3')}".encode())
    package = resources.files("factcheck")
    for name in _EXTRACTOR_SOURCES:
        entry = package.joinpath(name)
        # the extractor's word lists (english.yaml) are part of its code
        files = sorted((f for f in entry.iterdir() if f.name.endswith((".py", ".yaml"))), key=lambda f: f.name) \
            if entry.is_dir() else [entry]
        for file in files:
            digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def _claim_to_record(claim: Claim) -> dict[str, Any]:
    # extraction output only: the frame stage runs on every run, after the cache
    record = {f.name: getattr(claim, f.name) for f in fields(Claim) if f.name not in FRAME_ONLY}
    record["kind"], record["qualifier"] = claim.kind.value, claim.qualifier.value
    record["subjects"] = list(claim.subjects)
    return record


def _claim_from_record(record: dict[str, Any]) -> Claim:
    return Claim(**{**record, "kind": ClaimKind(record["kind"]), "qualifier": Qualifier(record["qualifier"]),
                    "subjects": tuple(record["subjects"])})


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0

    def __str__(self) -> str:
        return f"{self.misses} extracted, {self.hits} from cache"


class ClaimCache:
    """Claims per document, read from and written to one SQLite file."""

    def __init__(self, directory: Path = DEFAULT_CACHE_DIR) -> None:
        self.path = Path(directory) / DATABASE_NAME
        self.stats = CacheStats()
        self._connection: sqlite3.Connection | None = None
        self._pending = 0
        self._disabled = False

    def _connect(self) -> sqlite3.Connection | None:
        if self._connection is not None or self._disabled:
            return self._connection
        try:
            self._connection = self._open()
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorcode", None) not in _DAMAGED:
                # busy, locked or unwritable: another run may own it, so leave it be
                return self._without_cache(f"cannot use the claim cache ({error})")
            logger.warning("%s: damaged claim cache (%s); rebuilding it", self.path, error)
            try:
                self.path.unlink(missing_ok=True)
                self._connection = self._open()
            except (sqlite3.DatabaseError, OSError) as second:
                return self._without_cache(f"cannot rebuild the claim cache ({second})")
        except OSError as error:
            return self._without_cache(f"cannot open the claim cache ({error})")
        return self._connection

    def _without_cache(self, reason: str) -> None:
        logger.warning("%s: %s; running without it", self.path, reason)
        self._disabled = True
        return None

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        gitignore = self.path.parent / ".gitignore"
        if not gitignore.exists():
            gitignore.write_text("# factcheck's claim cache: safe to delete\n*\n", encoding="utf-8")
        connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        try:
            connection.execute("DROP TABLE IF EXISTS claims")  # the first layout, one row per version
            connection.execute("CREATE TABLE IF NOT EXISTS document_claims "
                               "(source TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, claims TEXT NOT NULL)")
            connection.execute("SELECT count(*) FROM document_claims").fetchone()  # a damaged file fails here
        except sqlite3.DatabaseError:
            connection.close()
            raise
        return connection

    @staticmethod
    def fingerprint(document: Document, rules: Rules) -> str:
        """What the cached claims were extracted from: the text, the extractor, the rules."""
        parts = (document.sha256, extractor_version(), rules.digest)
        return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()

    def claims(self, document: Document, rules: Rules) -> list[Claim]:
        """The document's claims: from the cache when it holds them for this text,
        extractor and rules, else extracted and kept (one row per source, replaced, so
        the cache does not grow with every edit)."""
        found = self.lookup(document, rules)
        if found is not None:
            return found
        claims = extract_claims_of(document, rules)
        self.keep(document, rules, claims)
        return claims

    def holds(self, document: Document, rules: Rules) -> bool:
        """Whether the cache holds claims of this text under this extractor and these
        rules (read without decoding them)."""
        connection = self._connect()
        if connection is None:
            return False
        try:
            return connection.execute("SELECT 1 FROM document_claims WHERE source = ? AND fingerprint = ?",
                                      (document.source, self.fingerprint(document, rules))).fetchone() is not None
        except sqlite3.DatabaseError:
            return False  # a damaged file: the document is extracted again

    def lookup(self, document: Document, rules: Rules) -> list[Claim] | None:
        """The cached claims of this text under this extractor and these rules (a hit,
        counted); None when the cache holds none or a damaged entry."""
        connection = self._connect()
        if connection is not None:
            try:
                row = connection.execute("SELECT claims FROM document_claims WHERE source = ? AND fingerprint = ?",
                                         (document.source, self.fingerprint(document, rules))).fetchone()
                if row is not None:
                    self.stats.hits += 1
                    logger.debug("cache hit: %s", document.source)
                    return [_claim_from_record(record) for record in json.loads(row[0])]
            except (sqlite3.DatabaseError, ValueError, TypeError, KeyError) as error:
                logger.warning("%s: a damaged cache entry for %s (%s); extracting again", self.path,
                               document.source, error)
        logger.debug("cache miss: extracting %s", document.source)
        return None

    def keep(self, document: Document, rules: Rules, claims: list[Claim]) -> None:
        """Keep the claims just extracted from the document (counted as extracted),
        replacing its entry."""
        self.stats.misses += 1
        connection = self._connect()
        if connection is None:
            return
        try:
            payload = json.dumps([_claim_to_record(c) for c in claims], ensure_ascii=False)
            connection.execute("INSERT OR REPLACE INTO document_claims (source, fingerprint, claims) "
                               "VALUES (?, ?, ?)", (document.source, self.fingerprint(document, rules), payload))
            self._pending += 1
            if self._pending >= COMMIT_EVERY:
                connection.commit()
                self._pending = 0
        except sqlite3.DatabaseError as error:
            logger.warning("%s: cannot write the claim cache (%s)", self.path, error)

    def close(self) -> None:
        """Commit what is pending and close; a cache that cannot commit only loses entries."""
        if self._connection is not None:
            try:
                self._connection.commit()
            except sqlite3.DatabaseError as error:
                logger.warning("%s: cannot write the claim cache (%s)", self.path, error)
            self._connection.close()
            self._connection = None
