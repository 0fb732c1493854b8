"""agreement measures over the documents either annotator annotated, not the whole database (issue 9)."""

from __future__ import annotations

import json

from ..helpers import run


def test_untouched_documents_do_not_inflate_kappa(tmp_path):
    one = tmp_path / "one.txt"
    one.write_text("Klein says 40 percent came.\n", "utf-8")
    big = tmp_path / "big.txt"
    big.write_text(" ".join(["Unannotated words fill this document."] * 200) + "\n", "utf-8")
    db = tmp_path / "a.db"
    run("import", one, "--db", db)
    for who, quotes in (("A", [("attribution", "Klein says"), ("claim", "40 percent came")]),
                        ("B", [("attribution", "Klein"), ("claim", "40 percent")])):
        for label, quote in quotes:
            run("tag", "1", "-l", label, "--quote", quote, "--annotator", who, "--db", db)
    alone = json.loads(run("agreement", "--annotators", "A", "B", "--format", "json", "--db", db).stdout)
    run("import", big, "--db", db)
    both = json.loads(run("agreement", "--annotators", "A", "B", "--format", "json", "--db", db).stdout)
    assert alone["overall"]["kappa"] == both["overall"]["kappa"] == 0.52  # the README's worked example
    assert (alone["documents"], both["documents"]) == (1, 1)
    named = json.loads(run("agreement", "--annotators", "A", "B", "--document", "1", "--document", "2",
                           "--format", "json", "--db", db).stdout)
    assert named["documents"] == 2 and named["overall"]["kappa"] > 0.52
    table = run("agreement", "--annotators", "A", "B", "--db", db).stdout
    assert "documents: 1 (annotated by either)" in table
