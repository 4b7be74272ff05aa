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
from comments.civility.reading import read


def featurise(texts, matcher: Matcher, n_bits: int):
    """A scipy CSR matrix of hashed plus hand features, one row per text, and each
    text's word-list score (:func:`comments.civility.combine.list_score`).

    Each text is read as the screener reads it (:func:`comments.civility.reading.read`,
    reported speech passed over), so training and screening see the same words."""
    import numpy as np
    from scipy.sparse import csr_matrix

    indptr, indices, values, lists = [0], [], [], []
    n_hashed = 1 << n_bits
    for text in texts:
        normalised, analysis = read(text, matcher)
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


SGD_EPOCHS = 20


def fit(x, y, weights, c: float):
    """Fit an L2-penalised logistic regression by averaged stochastic gradient descent.

    ``C`` means what it means to scikit-learn's ``LogisticRegression`` (the inverse of the
    penalty per unit of total sample weight), turned into SGD's ``alpha = 1 / (C * n)``.
    On the seven sources (about 90,000 rows and 2**18 columns) liblinear took one to two
    minutes a fit on the shared two-core machine and SGD takes about ten seconds, with a
    mean held-out ROC-AUC within 0.003 of liblinear's (single sources within 0.02); training
    fits some sixty models, so that is the difference between minutes and hours.
    """
    import warnings

    import numpy as np
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import SGDClassifier

    weights = np.asarray(weights, dtype=np.float64)
    alpha = 1.0 / (c * weights.sum())
    model = SGDClassifier(
        loss="log_loss",
        alpha=alpha,
        max_iter=SGD_EPOCHS,
        tol=1e-4,
        average=True,
        random_state=7,
    )
    with warnings.catch_warnings():
        # A fixed number of epochs is the budget; averaging makes the last ones converge.
        warnings.simplefilter("ignore", ConvergenceWarning)
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


def threshold_for_fpr(y_true, probs, max_fpr: float, weights=None) -> float:
    """Lowest threshold that stops at most ``max_fpr`` of the civil posts.

    With ``weights`` (each source's civil posts weighing the same in total, as in
    training), "of the civil posts" means of each source's alike, so one large source
    does not set the limit for all."""
    import numpy as np

    civil = np.asarray(y_true) == 0
    scores = np.asarray(probs)[civil]
    if weights is None:
        return float(np.quantile(scores, 1.0 - max_fpr))
    order = np.argsort(scores)
    cumulative = np.cumsum(np.asarray(weights)[civil][order])
    at = np.searchsorted(cumulative, (1.0 - max_fpr) * cumulative[-1])
    return float(scores[order][min(at, len(order) - 1)])


def folds_for(y, groups, folds: int):
    """Train/test splits for choosing C: by source when there are enough sources, so the
    choice rewards what carries to a platform the model has not seen; otherwise stratified
    by label."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, StratifiedKFold

    y, groups = np.asarray(y), np.asarray(groups)
    names = sorted(set(groups) - {"seed"})
    if len(names) >= folds:
        # Only the sources are split; the seed examples are always trained on.
        public, seed = np.flatnonzero(groups != "seed"), np.flatnonzero(groups == "seed")
        for train, test in GroupKFold(folds).split(public, y[public], groups[public]):
            yield np.union1d(public[train], seed), public[test]
        return
    yield from StratifiedKFold(folds, shuffle=True, random_state=7).split(np.zeros(len(y)), y)


def out_of_fold(x, y, weights, c: float, splits):
    """Out-of-fold raw scores (log-odds) of one recipe."""
    import numpy as np

    y = np.asarray(y)
    raw = np.zeros(len(y))
    for train, test in splits:
        model = fit(x[train], y[train], weights[train], c)
        raw[test] = model.decision_function(x[test])
    return raw


def choose_c(x, y, weights, cs, folds: int, groups=None):
    """The C with the best out-of-fold ROC-AUC inside this training data, its
    out-of-fold scores (reused for calibration) and every C's ROC-AUC.

    Folds are whole sources when there are at least ``folds`` of them (see
    :func:`folds_for`). Rows in no test fold (the seed examples then) score 0."""
    import numpy as np
    from sklearn.metrics import roc_auc_score

    groups = groups if groups is not None else ["all"] * len(y)
    splits = list(folds_for(y, groups, folds))
    tested = np.zeros(len(y), dtype=bool)
    for _, test in splits:
        tested[test] = True
    tried = {c: out_of_fold(x, y, weights, c, splits) for c in cs}
    y = np.asarray(y)
    aucs = {
        c: round(float(roc_auc_score(y[tested], raw[tested], sample_weight=weights[tested])), 4)
        for c, raw in tried.items()
    }
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
