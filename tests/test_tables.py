"""Table files: documented columns enforced, text and gaps survive a round trip."""

import math

import pandas as pd
import pytest

from newsbrief import tables


def claims_frame():
    return pd.DataFrame({
        "doc_id": ["a"], "sent_id": [0], "char_start": [3], "char_end": [13], "surface": ["over 3,000"],
        "value_low": [3000.0], "value_high": [float("nan")], "qualifier": ["over"], "vague": [False],
        "kind": ["count"], "unit": [""], "counted": ["troops"], "scope": [""], "time_words": [""],
        "attribution": ["unattributed"], "attribution_cue": [""], "hedges": [""], "forecast": [""],
        "sentence": ['He said "over 3,000",\nthen left.'], "source_key": [""], "source_kind": [""],
    })


def test_every_schema_documents_every_column():
    for name, columns in tables.SCHEMAS.items():
        assert name.endswith(".csv") and columns and all(columns.values())


def test_round_trip_keeps_text_empty_strings_and_open_sides(tmp_path):
    tables.write_table(claims_frame(), tmp_path, "claims.csv")
    back = tables.read_table(tmp_path, "claims.csv")
    assert back.loc[0, "sentence"] == 'He said "over 3,000",\nthen left.'
    assert back.loc[0, "unit"] == ""
    assert math.isnan(back.loc[0, "value_high"]) and back.loc[0, "value_low"] == 3000
    assert back.loc[0, "vague"] == False  # noqa: E712 (numpy bool)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["claims.csv"]  # no temporary file left


def test_floats_are_rounded_and_lines_end_with_newline(tmp_path):
    frame = pd.DataFrame({"z": [2.5], "level": ["sentence"], "threshold": [0.766666666], "verbatim": [1],
                          "edited": [0], "paraphrase": [12], "shared fact": [2]})
    path = tables.write_table(frame, tmp_path, "sensitivity.csv")
    assert path.read_bytes() == b"z,level,threshold,verbatim,edited,paraphrase,shared fact\n2.5,sentence,0.7667,1,0,12,2\n"


def test_undocumented_columns_are_refused(tmp_path):
    with pytest.raises(ValueError, match="differ from the documented"):
        tables.write_table(claims_frame().drop(columns=["unit"]), tmp_path, "claims.csv")
    assert not (tmp_path / "claims.csv").exists()


def test_describe_lists_the_columns():
    assert tables.describe("claims.csv").column.tolist() == list(tables.SCHEMAS["claims.csv"])


def test_ids_that_look_like_numbers_stay_text(tmp_path):
    frame = pd.DataFrame({"doc_a": ["001"], "doc_b": ["2"], "cover_verbatim": [0.0], "cover_edited": [0.0],
                          "cover_paraphrase": [0.1], "covered": [0.1], "cosine": [0.5], "category": ["topical"]})
    tables.write_table(frame, tmp_path, "document_overlap.csv")
    back = tables.read_table(tmp_path, "document_overlap.csv")
    assert back.doc_a.tolist() == ["001"] and back.doc_b.tolist() == ["2"] and back.cosine.tolist() == [0.5]


def test_every_column_has_a_type_and_a_meaning_and_a_name_means_one_type_everywhere():
    types: dict[str, set[str]] = {}
    for columns in tables.SCHEMAS.values():
        for name, spec in columns.items():
            assert spec.type in {"text", "integer", "number", "boolean", "offset"} and spec.meaning, name
            types.setdefault(name, set()).add(spec.type)
    assert {name: kinds for name, kinds in types.items() if len(kinds) > 1} == {}


def test_frames_are_built_with_the_schema_types_and_read_back_the_same(tmp_path):
    built = tables.frame("paragraphs.csv", [{"doc_id": "001", "para_id": 0, "char_start": 0, "char_end": 5,
                                            "kind": "body", "chrome_reason": "", "words": 1, "text": "Hello"}])
    assert built.dtypes.astype(str).tolist() == ["str", "int64", "int64", "int64", "str", "str", "int64",
                                                 "str"]
    tables.write_table(built, tmp_path, "paragraphs.csv")
    pd.testing.assert_frame_equal(tables.read_table(tmp_path, "paragraphs.csv"), built)


def test_a_frame_holds_the_columns_its_records_give_in_schema_order_or_all_when_empty():
    part = tables.frame("documents.csv", [{"file": "a.txt", "doc_id": "a"}])
    assert part.columns.tolist() == ["doc_id", "file"]
    assert tables.frame("sentences.csv", []).columns.tolist() == list(tables.SCHEMAS["sentences.csv"])
    with pytest.raises(KeyError, match="not documented"):
        tables.frame("sentences.csv", [{"doc_id": "a", "colour": "red"}])


def test_text_cells_a_spreadsheet_would_run_are_neutralised_and_read_back_as_written(tmp_path):
    """OWASP CSV injection: text starting with =, +, -, @, tab or CR gets a leading quote on disk (a
    leading quote gets one too); numbers stay numbers; read_table gives back the text as written."""
    cells = ['=HYPERLINK("http://evil.example","title")', "+1", "-2 dead", "@cmd", "\ttab", "'quoted", "plain"]
    frame = pd.DataFrame({"doc_a": cells, "doc_b": ["x"] * len(cells), "cover_verbatim": [-0.5] * len(cells),
                          "cover_edited": 0.0, "cover_paraphrase": 0.0, "covered": 0.0, "cosine": 0.5,
                          "category": "topical"})
    path = tables.write_table(frame, tmp_path, "document_overlap.csv")
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert raw.doc_a.tolist()[:6] == ["'" + c for c in cells[:6]] and raw.doc_a.iloc[6] == "plain"
    assert raw.cover_verbatim.iloc[0] == "-0.5"  # a negative number is a number, not a formula
    assert tables.read_table(tmp_path, "document_overlap.csv").doc_a.tolist() == cells
