"""The review package: reviewers' verdicts on findings, kept across runs in
`rules/accepted.yaml`. It owns that file whole, as sqlfluff's `noqa` module owns its
suppressions:

- `keys`: the `ReviewKey` of a finding (what it measures, the countries, both figures
  with their sources and sentences), pure;
- `attach`: attaching kept reviews to findings and merging a workbook's verdicts into
  them, pure;
- `accepted`: the file's schema, reading and rendering, and `writer`: writing it
  atomically;
- `sheet` and `workbook`: the review workbook's layout, and reading a reviewed one.

Nothing is imported here, so a stage that attaches reviews loads no file code.
"""
