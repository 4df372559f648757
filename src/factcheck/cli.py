"""The command line: `factcheck run`, `factcheck check` and `factcheck review import`.
The only place that configures logging, prints progress, reads the clock and the
environment, and chooses exit codes.

Settings: the project's settings file (`factcheck.config`: factcheck.toml, or
[tool.factcheck] in pyproject.toml) becomes the commands' `default_map`, so each option
takes its value from the flag given, else from the file, else from its own default.

Exit codes: 0 success; 1 `check` found an unaccepted finding at or above `--fail-on`;
2 a usage, config, rules or input-path error, printed as `path:line: what is wrong`.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click
from click.core import ParameterSource
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from factcheck.cache import ClaimCache
from factcheck.config import ConfigError, Settings, find_settings, read_settings
from factcheck.display import one_line
from factcheck.engine import ENGINES, ExtractionError, engine_for
from factcheck.gate import FailOn, decide, with_baseline
from factcheck.gitdiff import GitError, changed_files, recently_changed_files
from factcheck.model import Relation, RunResult, Verdict
from factcheck.pipeline import check_paths
from factcheck.project import load_rules
from factcheck.readers import PathNotFoundError
from factcheck.report import FORMATS, write_report
from factcheck.report.ci import OUTPUT_FORMATS, CheckView, render_check, summary_line
from factcheck.report.plot import PLOTS_DIR
from factcheck.review.accepted import ACCEPTED_FILE, load_accepted, load_accepted_file
from factcheck.review.attach import merge_reviews, reviews_from_rows
from factcheck.review.keys import describe_key
from factcheck.review.workbook import ReviewImportError, read_report_review_keys, read_reviewed_workbook
from factcheck.review.writer import write_accepted
from factcheck.rules import RulesError
from factcheck.version import __version__
from factcheck.writing import write_atomically

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
DEFAULT_SOURCES = Path("seeds")  # what `run` and `check` read when given no path

logger = logging.getLogger(__name__)


def _parse_formats(value: str) -> list[str]:
    formats = [part.strip().lower() for part in value.split(",") if part.strip()]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown or not formats:
        raise click.BadParameter(f"choose from {', '.join(FORMATS)}, comma-separated (got {value!r})")
    return formats


def describe_os_error(error: OSError) -> str:
    """`path: what is wrong` for a file-system error ("reports: Not a directory")."""
    where = error.filename if error.filename is not None else "factcheck"
    if error.filename2 is not None:
        where = f"{where} -> {error.filename2}"
    return f"{where}: {error.strerror or error}"


class _Commands(click.Group):
    """The command group: a file-system error that reaches it (an output folder that is a
    file or read-only, a rules folder that cannot be written) is a clear error and exit
    2, never a traceback and exit 1, which CI would read as findings."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # the reader of our output went away (`| head`)
            raise
        except OSError as error:
            _fail(describe_os_error(error))


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="factcheck")
@click.option("-v", "--verbose", count=True, help="Log more (repeat for debug).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="The settings file (factcheck.toml, or a pyproject.toml with [tool.factcheck]); default: the "
                   "first found from the working folder up to the repository's root.")
@click.pass_context
def main(context: click.Context, verbose: int, config_path: Path | None) -> None:
    """Check numeric claims across sources: extract, group by fact, report discrepancies.

    Settings come from the flags, then factcheck.toml or [tool.factcheck] in
    pyproject.toml, then the defaults shown.
    """
    logging.basicConfig(level=logging.WARNING - 10 * min(verbose, 2), format="%(levelname)s %(name)s: %(message)s",
                        stream=sys.stderr)
    try:
        settings = read_settings(config_path) if config_path is not None else find_settings()
    except ConfigError as error:
        _fail(error)
    if settings.file is not None:
        logger.info("settings from %s", settings.file)
    context.obj = settings
    context.default_map = _default_map(settings)


def _default_map(settings: Settings) -> dict[str, dict]:
    """The settings as the commands' option defaults, by command and parameter name (a
    flag given still wins). PATHS is not here: Click's default map reaches a variadic
    argument only in some versions, so `_sources` applies `paths` itself."""
    shared = {"rules_dir": settings.rules} if settings.rules is not None else {}
    run_defaults, check_defaults, import_defaults = dict(shared), dict(shared), dict(shared)
    if settings.out is not None:
        run_defaults["out_dir"] = settings.out
        import_defaults["report_path"] = settings.out / "report.json"
    if settings.formats:
        run_defaults["formats"] = ",".join(settings.formats)
    if settings.fail_on is not None:
        check_defaults["fail_on"] = settings.fail_on.value
    if settings.baseline is not None:
        check_defaults["baseline_path"] = settings.baseline
    return {"run": run_defaults, "check": check_defaults, "review": {"import": import_defaults}}


def _settings() -> Settings:
    return click.get_current_context().find_object(Settings) or Settings()


def _refuse(parameter: str, flag: str, key: str, problem: str) -> None:
    """Stop on a bad option value, naming where it was set: the flag (a usage error), or
    the settings file's line (`factcheck.toml:3: out reports: a file, not a folder`)."""
    if click.get_current_context().get_parameter_source(parameter) is ParameterSource.DEFAULT_MAP:
        _fail(f"{_settings().where(key)}: {key} {problem}")
    raise click.UsageError(f"{flag} {problem}")


def _sources(paths: tuple[Path, ...]) -> list[Path]:
    """What `run` and `check` read: PATH... as given, else the settings' `paths` (each
    must exist), else seeds/."""
    if paths:
        return list(paths)
    settings = _settings()
    for path in settings.paths:
        if not path.exists():
            _fail(f"{settings.where('paths')}: paths: {path}: no such file or folder")
    return list(settings.paths) or [DEFAULT_SOURCES]


def engine_options(command):
    """--engine, --scheduler and --workers, shared by `run` and `check`."""
    command = click.option("--workers", type=click.IntRange(min=1), default=2, show_default=True,
                           help="With --engine dask and no --scheduler: worker processes of the local cluster.")(command)
    command = click.option("--scheduler", default=None, metavar="ADDRESS",
                           help="With --engine dask: the address of a running Dask scheduler "
                                "(tcp://host:8786); default: a local cluster.")(command)
    return click.option("--engine", type=click.Choice(ENGINES), default="local", show_default=True,
                        help="Where documents are extracted: this process, or a Dask cluster.")(command)


def _load_rules(rules_dir: Path):
    # a missing ./rules means the packaged rules; any other folder, or one the settings
    # file names (wherever it resolves), must be there
    from_file = click.get_current_context().get_parameter_source("rules_dir") is ParameterSource.DEFAULT_MAP
    if not rules_dir.is_dir() and (rules_dir != Path("rules") or from_file):
        _refuse("rules_dir", "--rules", "rules", f"{rules_dir}: no such folder")
    return load_rules(rules_dir if rules_dir.is_dir() else None)


def _analyse(sources: list[Path], rules, show_progress: bool, use_cache: bool,
             sources_meta: Path | None = None, engine_name: str = "local", scheduler: str | None = None,
             workers: int = 2, exclude: tuple[Path, ...] = ()) -> RunResult:
    """Read and check the sources, on the chosen engine, with the claim cache (kept here,
    whatever the engine) unless `use_cache` is off; `exclude`: this run's own output,
    never read as a source."""
    cache = ClaimCache() if use_cache else None
    engine = engine_for(engine_name, scheduler=scheduler, workers=workers)
    stderr = Console(stderr=True)
    try:
        if not show_progress or not stderr.is_terminal:
            return check_paths(sources, rules, sources_meta=sources_meta, engine=engine, store=cache, exclude=exclude)
        with Progress(TextColumn("[bold]extract[/]"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=stderr, transient=True) as progress:
            task = progress.add_task("", total=None)

            def report_progress(source: str, done: int, total: int) -> None:
                progress.update(task, completed=done, total=total, description=source)

            return check_paths(sources, rules, progress=report_progress, sources_meta=sources_meta, engine=engine,
                               store=cache, exclude=exclude)
    finally:
        engine.close()
        if cache:
            logger.info("claim cache %s: %s", cache.path, cache.stats)
            cache.close()


def _echo_problems(result: RunResult) -> None:
    for problem in result.problems:
        line = f"{problem.source}:{problem.line or 1}: {problem.reason.value}: {problem.detail}"
        click.echo(one_line(line), err=True)


def _fail(error: object) -> None:
    click.echo(one_line(f"factcheck: {error}"), err=True)
    sys.exit(EXIT_USAGE)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=Path("rules"), show_default=True,
              help="Folder with units.yaml, topics.yaml and accepted.yaml; a rules file missing there falls back "
                   "to the packaged default.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("reports"), show_default=True,
              help="Folder the reports are written to.")
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True,
              help="Comma-separated formats: json, csv, md, xlsx, html.")
@click.option("--no-progress", is_flag=True, help="Do not show the progress bar on stderr.")
@click.option("--no-cache", is_flag=True, help="Extract every document again; do not use .factcheck-cache/.")
@click.option("--sources-meta", "sources_meta", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The sources' sidecar (publisher, url, date, language, trust per file or glob); default: "
                   "sources.yaml in the folder read, where there is one.")
@engine_options
def run(paths: tuple[Path, ...], rules_dir: Path, out_dir: Path, formats: str, no_progress: bool,
        no_cache: bool, sources_meta: Path | None, engine: str, scheduler: str | None, workers: int) -> None:
    """Read PATH... (files or folders; default: the settings file's paths, else seeds/) and write the
    discrepancy report."""
    try:
        chosen_formats = _parse_formats(formats)
    except click.BadParameter as error:
        raise click.UsageError(f"--format: {error.message}") from None
    sources = _sources(paths)
    if out_dir.exists() and not out_dir.is_dir():  # before the run, not after minutes of it
        _refuse("out_dir", "--out", "out", f"{out_dir}: a file, not a folder")
    try:
        rules = _load_rules(rules_dir)
        result = _analyse(sources, rules, show_progress=not no_progress, use_cache=not no_cache,
                          sources_meta=sources_meta, engine_name=engine, scheduler=scheduler, workers=workers,
                          exclude=(out_dir,))
    except (RulesError, PathNotFoundError, ExtractionError) as error:
        _fail(error)

    written = write_report(result, out_dir, chosen_formats)
    if "xlsx" in chosen_formats:
        from factcheck.report.xlsx_report import workbook_cuts

        cuts = workbook_cuts(result)
        if cuts:
            click.echo(one_line(f"{out_dir / 'report.xlsx'}: cut at Excel's limits: {'; '.join(cuts)}"), err=True)
    # one reading of the findings (a large run holds them encoded)
    relations = Counter(finding.relation for finding in result.findings)
    discrepancies = sum(count for relation, count in relations.items() if relation.is_discrepancy)
    conflicts = relations[Relation.CONFLICT]
    _echo_problems(result)
    for review in result.stale_reviews:
        click.echo(one_line(f"{rules_dir / ACCEPTED_FILE}:{review.line or 1}: stale review ({review.verdict.value}): "
                            f"{describe_key(review.key)} matches no finding any more"), err=True)
    reports = [str(p) for p in written if p.parent != out_dir / PLOTS_DIR]
    plots = len(written) - len(reports)
    if plots:  # one line names the folder, not every plot in it
        reports.append(f"{out_dir / PLOTS_DIR}/ ({plots} plot{'' if plots == 1 else 's'})")
    click.echo(
        f"{len(result.documents)} sources, {sum(1 for c in result.claims if c.kind.value == 'quantity')} claims, "
        f"{len(result.facts)} facts, {discrepancies} discrepancies ({conflicts} conflicts), "
        f"{len(result.problems)} problems -> {', '.join(reports)}",
        err=True,
    )


def _changed_sources(result: RunResult, ref: str, sources: list[Path],
                     rules_files: list[Path]) -> frozenset[str] | None:
    """The report names of the documents git sees as changed since `ref`, asking the
    repository of each source path, wherever factcheck runs from. None (every document
    counts) when a rules file or the baseline changed: then any finding may be new."""
    changed: set[Path] = set()
    for root in {source if source.is_dir() else source.parent for source in sources}:
        changed |= changed_files(ref, root)
    touched = [path for path in rules_files if path.resolve() in changed]
    if touched:
        logger.warning("%s changed since %s: every finding counts", ", ".join(map(str, touched)), ref)
        return None
    return _documents_in(result, changed)


def _documents_in(result: RunResult, paths: set[Path] | frozenset[Path]) -> frozenset[str]:
    return frozenset(d.source for d in result.documents if Path(d.path or d.source).resolve() in paths)


def _recent_sources(result: RunResult, sources: list[Path]) -> frozenset[str] | None:
    """Without a diff base: the documents the most recent commit changed, or that are
    uncommitted, asking the repository of each source path; None when a path is in no
    git repository (annotations then go on both sides)."""
    recent: set[Path] = set()
    for root in {source if source.is_dir() else source.parent for source in sources}:
        found = recently_changed_files(root)
        if found is None:
            return None
        recent |= found
    return _documents_in(result, recent)


def _write(path: Path, text: str) -> None:
    """Write an output file; a failure is an input/output error (exit 2), never a finding."""
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as error:
        _fail(f"{path}: cannot write ({error.strerror or error})")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=Path("rules"), show_default=True,
              help="Folder with the rules files.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The accepted findings  [default: RULES/accepted.yaml]")
@click.option("--fail-on", type=click.Choice([f.value for f in FailOn]), default=FailOn.CONFLICT.value,
              show_default=True, help="The weakest unaccepted relation that fails the check (any: also compatible).")
@click.option("--diff-base", default=None, metavar="REF",
              help="Count only findings with a side in a file git sees as changed since REF.")
@click.option("--output-format", type=click.Choice(OUTPUT_FORMATS), default="text", show_default=True)
@click.option("-o", "--output", "output_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the output to FILE instead of stdout.")
@click.option("--max-annotations", type=click.IntRange(min=0), default=10, show_default=True,
              help="With --output-format github: annotate this many of the most severe findings.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the check.")
@click.option("--write-baseline", is_flag=True,
              help="Accept every current finding in the baseline (verdict 'baseline'); reviewers' verdicts stay.")
@click.option("--strict-baseline", is_flag=True, help="Fail when the baseline holds entries no finding matches.")
@click.option("--no-cache", is_flag=True, help="Extract every document again; do not use .factcheck-cache/.")
@click.option("--sources-meta", "sources_meta", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The sources' sidecar; default: sources.yaml in the folder read, where there is one.")
@engine_options
def check(paths: tuple[Path, ...], rules_dir: Path, baseline_path: Path | None, fail_on: str, diff_base: str | None,
          output_format: str, output_path: Path | None, max_annotations: int, exit_zero: bool, write_baseline: bool,
          strict_baseline: bool, no_cache: bool, sources_meta: Path | None, engine: str, scheduler: str | None,
          workers: int) -> None:
    """Check PATH... (default: the settings file's paths, else seeds/) as CI does: exit 1
    on an unaccepted finding at or above --fail-on, 0 otherwise, 2 on a usage, rules or
    input error."""
    sources = _sources(paths)
    baseline = baseline_path or rules_dir / ACCEPTED_FILE
    if write_baseline and output_path is not None:
        raise click.UsageError("--write-baseline writes the baseline only; drop -o/--output")
    if baseline_path is not None and not baseline_path.is_file() and not write_baseline:
        _refuse("baseline_path", "--baseline", "baseline",
                f"{baseline_path}: no such file (create it with --write-baseline)")
    try:
        rules = replace(_load_rules(rules_dir), accepted=load_accepted_file(baseline))
        result = _analyse(sources, rules, show_progress=False, use_cache=not no_cache, sources_meta=sources_meta,
                          engine_name=engine, scheduler=scheduler, workers=workers,
                          exclude=(output_path,) if output_path is not None else ())
        rules_files = [baseline, *(rules_dir.glob("*.yaml") if rules_dir.is_dir() else [])]
        changed = _changed_sources(result, diff_base, sources, rules_files) if diff_base else None
        recent = _recent_sources(result, sources) if not diff_base else None
    except (RulesError, PathNotFoundError, GitError, ExtractionError) as error:
        _fail(error)
    _echo_problems(result)

    if write_baseline:
        entries = with_baseline(result, rules.accepted)
        try:
            write_accepted(baseline, entries)
        except (OSError, ValueError) as error:
            _fail(f"{baseline}: cannot write the baseline ({error})")
        kept = sum(1 for entry in entries if entry.verdict.is_human)
        unsure = sum(1 for entry in entries if entry.verdict is Verdict.UNSURE)
        still = f"; {unsure} 'unsure' reviews still fail the check" if unsure else ""
        click.echo(f"{baseline}: {len(entries) - kept} baseline entries, {kept} reviews kept{still}", err=True)
        return

    gate = decide(result, FailOn(fail_on), changed, strict_baseline, recent)
    text = render_check(output_format, result, gate, str(baseline), max_annotations)
    if output_path is None:
        click.echo(text, nl=False)
    else:
        _write(output_path, text)
        click.echo(summary_line(CheckView(result, gate, str(baseline))), err=True)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if output_format == "github" and summary_file:
        try:
            with open(summary_file, "a", encoding="utf-8") as stream:
                stream.write(render_check("markdown", result, gate, str(baseline)))
        except OSError as error:
            _fail(f"{summary_file}: cannot append the step summary ({error.strerror or error})")
    if gate.fails and not exit_zero:
        sys.exit(EXIT_FINDINGS)


@main.group()
def review() -> None:
    """Feed reviewers' verdicts from the workbook back into rules/accepted.yaml."""


def _iso_date(_context, _parameter, value: str | None) -> str:
    if value is None:
        return dt.date.today().isoformat()
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in the form YYYY-MM-DD") from None


@review.command("import")
@click.argument("workbook", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--rules", "rules_dir", type=click.Path(path_type=Path), default=Path("rules"), show_default=True,
              help="Folder whose accepted.yaml receives the verdicts.")
@click.option("--report", "report_path", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("reports/report.json"), show_default=True,
              help="The current report; rows whose finding it no longer holds are skipped. Ignored when missing.")
@click.option("--reviewer", default=None, help="Reviewer for rows whose 'reviewer' cell is empty.")
@click.option("--date", "date", default=None, callback=_iso_date, help="Review date, YYYY-MM-DD  [default: today]")
def review_import(workbook: Path, rules_dir: Path, report_path: Path, reviewer: str | None, date: str) -> None:
    """Read the verdicts in WORKBOOK (a reviewed report.xlsx) into RULES/accepted.yaml.

    Rows are matched by finding_id and columns by header, so sorting, filtering and
    reordering columns are fine. On any bad cell nothing is written.
    """
    if not rules_dir.is_dir():
        _refuse("rules_dir", "--rules", "rules", f"{rules_dir}: no such folder")
    try:
        reviewed = read_reviewed_workbook(workbook)
        kept = load_accepted(rules_dir)
        current = read_report_review_keys(report_path) if report_path.is_file() else None
    except (ReviewImportError, RulesError) as error:
        click.echo(f"factcheck: {error}", err=True)
        click.echo("factcheck: nothing was written", err=True)
        sys.exit(EXIT_USAGE)

    rows = [row for row in reviewed.rows if row.verdict is not None]
    if current is None:
        click.echo(f"factcheck: no {report_path}; importing every reviewed row", err=True)
    else:
        gone = [row for row in rows if reviewed.keys[row.finding_id].id not in current]
        for row in gone:
            click.echo(f"{workbook}: Discrepancies row {row.row}: finding {row.finding_id} "
                       f"({describe_key(reviewed.keys[row.finding_id])}) is not in {report_path}; skipped", err=True)
        rows = [row for row in rows if row not in gone]
    withdrawn = {reviewed.keys[finding_id] for finding_id in reviewed.withdrawn}
    # the findings the workbook lists that come back neither reviewed nor withdrawn (a
    # row deleted, or skipped above): an older entry covering one of them stays
    returned = {row.finding_id for row in rows} | set(reviewed.withdrawn)
    unreturned = [key for finding_id, key in reviewed.keys.items() if finding_id not in returned]
    merged = merge_reviews(kept, reviews_from_rows(rows, reviewed.keys, date), reviewer, withdrawn, unreturned)
    target = rules_dir / ACCEPTED_FILE
    unchanged = frozenset(merged) == frozenset(kept)
    if not unchanged:
        try:
            write_accepted(target, merged)
        except ValueError as error:
            _fail(f"{error}; nothing was written")
    before = {review.key: review for review in kept}
    added = sum(1 for review in merged if review.key not in before)
    changed = sum(1 for review in merged if review.key in before and before[review.key] != review)
    dropped = sum(1 for key in before if key in withdrawn)
    now = {review.key for review in merged}
    migrated = sum(1 for key in before if not key.has_sentences and key not in now and key not in withdrawn)
    rewritten = f", {migrated} older entries rewritten per sentence" if migrated else ""
    click.echo(f"{len(rows)} verdicts read from {workbook}: {added} new, {changed} changed, {dropped} withdrawn"
               f"{rewritten} -> {target} ({len(merged)} entries{', unchanged' if unchanged else ''})", err=True)
