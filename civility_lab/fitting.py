"""The statistics of training: features as a sparse matrix, weighted logistic regression,
cross-validation, Platt calibration and the measures training reports.

Split from :mod:`train`, which decides what is trained on what and writes the model; these
are the numerical steps it repeats for every recipe. They need the training extra (numpy,
scipy, scikit-learn), imported where used so that ``--help`` works without it.
"""

from __future__ import annotations

from comments.civility.combine import list_score
from comments.civility.features import HAND_FEATURES, extract
from comments.civility.matching import Matcher
from comments.civility.normalise import normalise


def featurise(texts, matcher: Matcher, n_bits: int):
    """A scipy CSR matrix of hashed plus hand features, one row per text, and each
    text's word-list score (:func:`comments.civility.combine.list_score`)."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, values, lists = [0], [], [], []
    n_hashed = 1 << n_bits
    for text in texts:
        normalised = normalise(text)
        analysis = matcher.analyse(normalised)
        lists.append(list_score(analysis.hits))
        features = extract(normalised, analysis, n_bits)
        indices.extend(features.hashed.keys())
        values.extend(features.hashed.values())
        for k, value in enumerate(features.hand):
            if value:
                indices.append(n_hashed + k)
                values.append(value)
        indptr.append(len(indices))
    shape = (len(texts), n_hashed + len(HAND_FEATURES))
    matrix = csr_matrix(
        (np.asarray(values, dtype=np.float32), np.asarray(indices), np.asarray(indptr)),
        shape=shape,
    )
    return matrix, np.asarray(lists)


def balanced_weights(labels, groups):
    """Weights giving each (group, class) cell the same total weight."""
    import numpy as np

    labels, groups = np.asarray(labels), np.asarray(groups)
    weights = np.ones(len(labels), dtype=np.float64)
    cells = {(g, y) for g, y in zip(groups, labels, strict=True)}
    for g, y in cells:
        mask = (groups == g) & (labels == y)
        weights[mask] = len(labels) / (len(cells) * mask.sum())
    return weights


def fit(x, y, weights, c: float):
    """Fit an L2 logistic regression (liblinear is fast on sparse, wide data)."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    model.fit(x, y, sample_weight=weights)
    return model


def metrics(y_true, probs, predicted) -> dict[str, float]:
    """ROC-AUC of a score plus precision, recall and F1 of a yes/no decision."""
    from sklearn.metrics import f1_score, precision_score, recall_score, roc_auc_score

    return {
        "roc_auc": round(float(roc_auc_score(y_true, probs)), 4),
        "precision": round(float(precision_score(y_true, predicted, zero_division=0)), 4),
        "recall": round(float(recall_score(y_true, predicted, zero_division=0)), 4),
        "f1": round(float(f1_score(y_true, predicted, zero_division=0)), 4),
        "n": len(y_true),
        "positives": int(sum(y_true)),
    }


def threshold_for_fpr(y_true, probs, max_fpr: float) -> float:
    """Lowest threshold that stops at most ``max_fpr`` of the civil posts."""
    import numpy as np

    civil = np.asarray(probs)[np.asarray(y_true) == 0]
    return float(np.quantile(civil, 1.0 - max_fpr))


def out_of_fold(x, y, weights, c: float, folds: int):
    """Out-of-fold raw scores (log-odds) of one recipe."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    y = np.asarray(y)
    raw = np.zeros(len(y))
    for train, test in StratifiedKFold(folds, shuffle=True, random_state=7).split(x, y):
        model = fit(x[train], y[train], weights[train], c)
        raw[test] = model.decision_function(x[test])
    return raw


def choose_c(x, y, weights, cs, folds: int):
    """The C with the best out-of-fold ROC-AUC inside this training data, its
    out-of-fold scores (reused for calibration) and every C's ROC-AUC."""
    from sklearn.metrics import roc_auc_score

    tried = {c: out_of_fold(x, y, weights, c, folds) for c in cs}
    aucs = {c: round(float(roc_auc_score(y, raw)), 4) for c, raw in tried.items()}
    best = max(aucs, key=aucs.get)
    return best, tried[best], aucs


def platt(raw, y, weights) -> tuple[float, float]:
    """Fit p = sigmoid(a * raw + b) on out-of-fold scores (Platt scaling).

    The same per-source class weights as training, so a calibrated 0.5 means "as likely
    uncivil as civil" whatever the mix of the data sets; an ordinary logistic regression
    with a negligible penalty on one input.
    """
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    model.fit(np.asarray(raw).reshape(-1, 1), y, sample_weight=weights)
    return float(model.coef_[0][0]), float(model.intercept_[0])


def calibrated(raw, a: float, b: float):
    import numpy as np

    return 1.0 / (1.0 + np.exp(-(a * np.asarray(raw) + b)))
