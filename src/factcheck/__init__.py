"""factcheck: numeric claims across sources, grouped by fact, with their agreements and
discrepancies.

The public API:
- `extract_claims(text)`: the claims one text states, framed (event, scope, as_of);
- `check_paths(paths, rules=None)`: a whole run over files and folders;
- `load_rules(directory)`: the validated rules a run uses.
"""

from factcheck.model import Claim, Fact, Finding, Problem, RunResult
from factcheck.pipeline import check_paths, extract_claims
from factcheck.project import load_rules
from factcheck.rules import Rules, RulesError
from factcheck.version import __version__

__all__ = [
    "Claim", "Fact", "Finding", "Problem", "Rules", "RulesError", "RunResult",
    "check_paths", "extract_claims", "load_rules", "__version__",
]
