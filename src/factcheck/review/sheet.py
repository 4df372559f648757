"""The review workbook's layout, shared by its writer (`report.xlsx_report`) and its
reader (`review.workbook`), so the two cannot drift apart: the sheet a reviewer fills in,
the headers read back from it, and the hidden sheet of review keys.
"""

DISCREPANCIES_SHEET = "Discrepancies"
# the Discrepancies sheet's columns `factcheck review import` reads, by header
REVIEW_HEADERS = ("finding_id", "verdict", "reviewer note", "reviewer")
# The hidden sheet `factcheck review import` reads: each finding's review key, spelled
# out. Values are written as text, so they come back exactly as they went in.
KEYS_SHEET = "Review keys"
KEY_HEADERS = ("finding_id", "review_key", "measured", "subject", "source 1", "value 1", "unit 1", "qualifier 1",
               "source 2", "value 2", "unit 2", "qualifier 2", "prefilled verdict", "sentence 1", "sentence 2")
# headers a workbook written before keys held sentences lacks: read as no sentence
OPTIONAL_KEY_HEADERS = ("sentence 1", "sentence 2")
