"""`make eval` (bench/eval.py): the seeds and the dev set scored with the evaluation kit
beside the project, and skipped, exiting 0, when the kit is not there. The kit here is a
stand-in whose scorer only echoes what it was asked to score."""

from __future__ import annotations

import importlib.util
import textwrap

import pytest

from factcheck.readers import discover_sources, read_sources
from conftest import PROJECT_ROOT

SPEC = importlib.util.spec_from_file_location("bench_eval", PROJECT_ROOT / "bench" / "eval.py")
bench_eval = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(bench_eval)

STAND_IN_SCORER = textwrap.dedent("""\
    import argparse, json, pathlib
    parser = argparse.ArgumentParser()
    for name in ("--gold", "--docs", "--report"):
        parser.add_argument(name)
    parser.add_argument("--show", action="store_true")
    arguments = parser.parse_args()
    report = json.loads(pathlib.Path(arguments.report).read_text(encoding="utf-8"))
    print(f"scored {pathlib.Path(arguments.gold).name} on {len(report['sources'])} sources")
""")


@pytest.mark.parametrize("arguments", [pytest.param([], id="eval"), pytest.param(["--time", "3"], id="bench")])
def test_without_the_kit_it_says_skipped_and_exits_0(tmp_path, capsys, arguments):
    assert bench_eval.main(["--shared", str(tmp_path / "absent"), *arguments]) == 0
    assert "skipped" in capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("with_dev", [pytest.param(False, id="seeds-only"), pytest.param(True, id="seeds-and-dev")])
def test_with_the_kit_it_scores_each_set_in_its_block(tmp_path, capfd, with_dev):
    kit = tmp_path / "shared" / "eval"
    kit.mkdir(parents=True)
    (kit / "score.py").write_text(STAND_IN_SCORER, encoding="utf-8")
    (kit / "seeds-gold.yaml").write_text("claims: []\n", encoding="utf-8")
    if with_dev:
        docs = kit / "dev" / "docs"
        docs.mkdir(parents=True)
        (docs / "a.txt").write_text("The ferry carried 40 people across the Ostral lake in 2029.\n", encoding="utf-8")
        (docs / "b.txt").write_text("The ferry carried 44 people across the Ostral lake in 2029.\n", encoding="utf-8")
        (kit / "dev" / "gold.yaml").write_text("facts: []\n", encoding="utf-8")
    assert bench_eval.main(["--shared", str(tmp_path / "shared")]) == 0
    out = capfd.readouterr().out
    # one source per article: the seed file of several articles counts each
    seeds = len(read_sources(discover_sources([PROJECT_ROOT / "seeds"])[0])[0])
    assert out.startswith("== seeds\n")
    assert f"scored seeds-gold.yaml on {seeds} sources" in out
    if with_dev:
        assert out.index("== seeds") < out.index("== dev") < out.index("scored gold.yaml on 2 sources")
    else:
        assert "== dev skipped" in out
