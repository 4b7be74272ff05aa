"""`civility_lab.embedding_experiment`: the leave-one-source-out comparison runs end to end.

A stand-in embedder (a hash of the words, no PyTorch) takes MiniLM's place, so the test
checks the plumbing (sampling, caching, every judge trained without the held-out source,
the table), not the figures.
"""

import hashlib
import json

import pytest

from civility_lab import embedding_experiment as experiment
from tests.civility_lab.test_train import CIVIL, HOSTILE, write_source


def fake_embed(texts):
    import numpy as np

    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    for row, text in enumerate(texts):
        for word in text.split():
            vectors[row, int(hashlib.sha256(word.encode()).hexdigest(), 16) % 384] += 1.0
    return vectors


def test_every_judge_is_measured_on_each_held_out_source(tmp_path, capsys):
    pytest.importorskip("sklearn")
    data, cache = tmp_path / "data", tmp_path / "cache"
    data.mkdir()
    for name, suffix in (("tweets", "today"), ("news", "said"), ("forum", "lol"), ("wiki", "ok")):
        rows = [(f"{t} {suffix} {i}", 0) for i in range(3) for t in CIVIL]
        rows += [(f"{t} {suffix} {i}", 1) for i in range(3) for t in HOSTILE]
        write_source(data, name, rows)
    out = tmp_path / "figures.json"
    argv = ["--data-dir", str(data), "--cache", str(cache), "--rows", "20", "--json", str(out)]
    argv += ["--n-bits", "12"]  # a small hashing space keeps the test quick
    table = experiment.main(argv, embed=fake_embed)
    assert set(table) == {"tweets", "news", "forum", "wiki"}
    for result in table.values():
        assert result["rows"] == 20
        for judge in ("n-gram model", "screen", "embedding", "stacked", "stacked + lists"):
            assert 0.0 <= result["figures"][judge]["roc_auc"] <= 1.0
    assert json.loads(out.read_text()) == json.loads(json.dumps(table))
    assert "| **mean** | 80 |" in capsys.readouterr().out
    # The embeddings were cached: a second run embeds nothing.
    experiment.main(argv, embed=lambda texts: pytest.fail(f"embedded {len(texts)} again"))


def test_rows_are_a_prefix_of_the_evaluation_sample():
    sources = {"a": [(f"text {i}", i % 2) for i in range(5000)]}
    assert experiment.sampled(sources, 100)["a"] == experiment.sampled(sources, 3000)["a"][:100]
