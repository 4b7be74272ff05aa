"""Measure a screen on labelled texts: precision, recall, F1, ROC-AUC, civil texts held, speed.

Plain Python so the numbers need nothing beyond the standard library. "Positive" means breaks
the policy (label 1); a comment counts as caught when the screen holds or rejects it.
"""

import time
from dataclasses import dataclass


@dataclass
class Scores:
    n: int
    precision: float
    recall: float
    f1: float
    roc_auc: float | None
    civil_held: float | None
    ms_per_comment: float


def roc_auc(labels, scores):
    """The chance a random uncivil text scores above a random civil one (ties count half)."""
    ranked = sorted(zip(scores, labels, strict=True))
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    rank_sum, i = 0.0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            j += 1
        mean_rank = (i + 1 + j) / 2
        rank_sum += mean_rank * sum(label for _, label in ranked[i:j])
        i = j
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def score_rows(labels, caught, scores, seconds):
    tp = sum(1 for y, c in zip(labels, caught, strict=True) if y and c)
    fp = sum(1 for y, c in zip(labels, caught, strict=True) if not y and c)
    fn = sum(1 for y, c in zip(labels, caught, strict=True) if y and not c)
    civil = len(labels) - sum(labels)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        n=len(labels),
        precision=precision,
        recall=recall,
        f1=f1,
        roc_auc=roc_auc(labels, scores),
        civil_held=fp / civil if civil else None,
        ms_per_comment=1000 * seconds / len(labels) if labels else 0.0,
    )


def run(predict, texts):
    """(caught, score) per text from `predict(text)`, and the seconds it took."""
    start = time.perf_counter()
    results = [predict(text) for text in texts]
    return results, time.perf_counter() - start


def run_timed(predict, texts):
    """(caught, score, seconds) per text, so any subset's speed can be reported too."""
    clock = time.perf_counter
    results = []
    for text in texts:
        start = clock()
        caught, score = predict(text)
        results.append((caught, score, clock() - start))
    return results


def scores_for(labels, results):
    """Scores for `run_timed` results of the texts with these labels."""
    return score_rows(
        labels,
        [r[0] for r in results],
        [r[1] for r in results],
        sum(r[2] for r in results),
    )


def recall_at_civil_share(labels, scores, share=0.05):
    """The share of uncivil texts caught when the threshold holds `share` of the civil ones.

    The true-positive rate of the ROC curve at a false-positive rate of `share`, read
    between the curve's points as a straight line (what a moderator gets by breaking ties
    at random). It compares rankers at the same cost in civil comments held; a yes/no judge
    such as a word list has one point on its curve, so it is read between that point and
    (0, 0) or (1, 1).
    """
    positives = sum(labels)
    negatives = len(labels) - positives
    if not positives or not negatives:
        return None
    ranked = sorted(zip(scores, labels, strict=True), key=lambda pair: -pair[0])
    points, tp, fp, i = [(0.0, 0.0)], 0, 0, 0
    while i < len(ranked):
        j = i
        while j < len(ranked) and ranked[j][0] == ranked[i][0]:
            tp += ranked[j][1]
            fp += 1 - ranked[j][1]
            j += 1
        points.append((fp / negatives, tp / positives))
        i = j
    for (fpr0, tpr0), (fpr1, tpr1) in zip(points, points[1:], strict=False):
        if fpr1 >= share:
            if fpr1 == fpr0:
                return tpr1
            return tpr0 + (tpr1 - tpr0) * (share - fpr0) / (fpr1 - fpr0)
    return 1.0
