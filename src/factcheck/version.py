"""The installed version of factcheck, read from the distribution's metadata.

It lives in its own module, below everything else, so that the cache key, the SARIF
driver and `--version` can name it without importing the package's public API (and so
the whole pipeline).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("factcheck-claims")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"
