"""factcheck: numeric claims across sources, grouped by fact, with their agreements and
discrepancies.

The public API:
- `extract_claims(text)`: the claims one text states, framed (event, scope, as_of);
- `check_paths(paths, rules=None)`: a whole run over files and folders;
- `load_rules(directory)`: the validated rules a run uses.
"""

from importlib.metadata import PackageNotFoundError, version

from factcheck.model import Claim, Fact, Finding, Problem, RunResult
from factcheck.pipeline import check_paths, extract_claims
from factcheck.rules import Rules, RulesError, load_rules

try:
    __version__ = version("factcheck-claims")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

__all__ = [
    "Claim", "Fact", "Finding", "Problem", "Rules", "RulesError", "RunResult",
    "check_paths", "extract_claims", "load_rules", "__version__",
]
