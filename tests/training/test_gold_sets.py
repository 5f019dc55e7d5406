"""The gold Mercato learns from: annotations as ids and spans joined with corpus texts, the frozen
slice kept apart, held-out records refused, folds fixed by id."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mercato.errors import GoldFormatError
from mercato.training.crossval import fold_of
from mercato.training.gold_sets import is_frozen, load_gold_set, read_annotations

_TEXT = "Brighton are keen to sign Lens winger Adrien Morel. (Express)"


def _shared(tmp_path: Path, heldout: tuple[str, ...] = ()) -> Path:
    shared = tmp_path / "shared"
    (shared / "eval").mkdir(parents=True)
    (shared / "corpus").mkdir()
    for name in ("dev.jsonl", "train.jsonl"):
        (shared / "eval" / name).write_text("", encoding="utf-8")
    (shared / "eval" / "heldout_ids.txt").write_text("".join(f"{h}\n" for h in heldout))
    corpus = [
        {"id": f"corpus:{n}", "dataset": "corpus", "kind": "gossip_item", "date": "2024-01-02",
         "outlet": "BBC Sport", "text": _TEXT}
        for n in range(40)
    ]
    (shared / "corpus" / "articles.jsonl").write_text("".join(json.dumps(r) + "\n" for r in corpus))
    return shared


def _annotation(record_id: str, span: tuple[int, int]) -> str:
    link = {"person": "Adrien Morel", "role": "player", "from": "Lens", "to": "Brighton",
            "status": "rumour", "loan": False, "fee": None, "source": "Express",
            "evidence_span": list(span)}
    return json.dumps({"id": record_id, "links": [link]}) + "\n"


def test_annotations_are_joined_with_their_texts(tmp_path: Path) -> None:
    shared = _shared(tmp_path)
    path = tmp_path / "ann.jsonl"
    path.write_text(_annotation("corpus:1", (0, 8)))
    corpus = {f"corpus:{n}": {"text": _TEXT, "date": "2024-01-02", "outlet": "BBC Sport",
                              "kind": "gossip_item"} for n in range(2)}
    (record,) = read_annotations(path, corpus)  # type: ignore[arg-type]
    assert record.text == _TEXT and record.kind == "gossip_item"
    assert record.links[0].evidence == "Brighton"
    assert record.links[0].sources == ("Express",)
    assert shared.exists()


def test_a_span_outside_the_text_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ann.jsonl"
    path.write_text(_annotation("corpus:1", (0, 8)) + _annotation("corpus:2", (5, 5000)))
    corpus = {f"corpus:{n}": {"text": _TEXT} for n in range(3)}
    with pytest.raises(GoldFormatError, match=r"ann\.jsonl, line 2: evidence span"):
        read_annotations(path, corpus)  # type: ignore[arg-type]


def test_an_unknown_id_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ann.jsonl"
    path.write_text(_annotation("corpus:99", (0, 8)))
    with pytest.raises(GoldFormatError, match=r"line 1: 'corpus:99' is not in the corpus"):
        read_annotations(path, {})


def test_frozen_records_are_kept_apart_and_the_digest_follows_the_files(tmp_path: Path) -> None:
    shared = _shared(tmp_path)
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "corpus.jsonl").write_text("".join(_annotation(f"corpus:{n}", (0, 8)) for n in range(40)))
    gold = load_gold_set(shared, annotations)
    assert {r.id for r in gold.frozen} == {f"corpus:{n}" for n in range(40) if is_frozen(f"corpus:{n}")}
    assert not {r.id for r in gold.frozen} & {r.id for r in gold.records}
    assert len(gold.records) + len(gold.frozen) == 40
    before = gold.digest
    (annotations / "corpus.jsonl").write_text("".join(_annotation(f"corpus:{n}", (0, 8)) for n in range(39)))
    assert load_gold_set(shared, annotations).digest != before


def test_a_held_out_record_is_refused(tmp_path: Path) -> None:
    shared = _shared(tmp_path, heldout=("corpus:3",))
    annotations = tmp_path / "annotations"
    annotations.mkdir()
    (annotations / "corpus.jsonl").write_text(_annotation("corpus:3", (0, 8)))
    with pytest.raises(GoldFormatError, match="held-out records must never be trained on: corpus:3"):
        load_gold_set(shared, annotations)


def test_frozen_share_and_folds_are_stable() -> None:
    ids = [f"family:{n}" for n in range(4000)]
    share = sum(is_frozen(i) for i in ids) / len(ids)
    assert 0.12 < share < 0.18
    folds = [fold_of(i, 5) for i in ids]
    assert folds == [fold_of(i, 5) for i in ids]
    assert all(700 < folds.count(k) < 900 for k in range(5))
