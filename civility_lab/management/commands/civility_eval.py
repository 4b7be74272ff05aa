"""`manage.py civility_eval FILE.csv [--baseline]`: how well the screen does on labelled text.

The CSV needs `text` and `label` (1 breaks the policy, 0 civil), and may have `category`.
With `--baseline` the two public baselines (alt-profanity-check, a linear model, and
better-profanity, a word list) are measured on the same rows and printed beside the screen,
metric by metric, for all rows and for each category.

`--model` screens with another model and its own thresholds, and `--clean` strips retweet
markers, handles and links from every row, as training does, so all three judges read the
same words.

`--loso DATA_DIR` is the leave-one-source-out table: every CSV under the folder is one source;
each is screened by a model trained on all the others (with their thresholds), and the
baselines read the same cleaned rows. The models are read from `--models DIR`
(`civility-without-SOURCE.json`); any that are missing are trained there first with
`civility_lab.train` (needs the train extra). Per source and on average: ROC-AUC, the share
of uncivil rows caught when 5 % of civil rows are held, and the share of civil rows each
judge holds at its own threshold.
"""

import csv
import random
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from civility_lab.evaluation import recall_at_civil_share, roc_auc, run_timed, scores_for
from civility_lab.platform_noise import strip_platform_noise
from comments.civility import Decision, LinearScorer, Screener, Thresholds, default_screener
from comments.screening import current_screener

INSTALL_HINT = 'Install the baselines with: pip install -e ".[eval]"'
METRICS = (
    ("precision", "precision", "{:.3f}"),
    ("recall", "recall", "{:.3f}"),
    ("F1", "f1", "{:.3f}"),
    ("ROC-AUC", "roc_auc", "{:.3f}"),
    ("civil held", "civil_held", "{:.1%}"),
    ("ms per comment", "ms_per_comment", "{:.3f}"),
)
COLUMN = 20


def screen_predict(screener):
    def predict(text):
        result = screener.screen(text)
        return result.decision is not Decision.PASS, result.score

    return predict


def alt_profanity_check_predict():
    """alt-profanity-check (a linear SVM over word TF-IDF), or None if not installed."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None

    def predict(text):
        probability = float(predict_prob([text])[0])
        return probability >= 0.5, probability

    def predict_many(texts):
        """All rows in one call (its pipeline is vectorised): the same numbers, far faster."""
        return [(float(p) >= 0.5, float(p)) for p in predict_prob(list(texts))]

    predict.many = predict_many
    return predict


def better_profanity_predict():
    """better-profanity (a word list with common disguises), or None if not installed."""
    try:
        from better_profanity import profanity
    except ImportError:
        return None
    profanity.load_censor_words()

    def predict(text):
        found = profanity.contains_profanity(text)
        return found, float(found)

    return predict


BASELINES = (
    ("alt-profanity-check", alt_profanity_check_predict),
    ("better-profanity", better_profanity_predict),
)


class Command(BaseCommand):
    help = "Measure the civility screen (and the public baselines) on a CSV of text,label."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument(
            "--baseline",
            action="store_true",
            help="Also measure alt-profanity-check and better-profanity, side by side.",
        )
        parser.add_argument(
            "--default-lists", action="store_true", help="The shipped lists, not the database's."
        )
        parser.add_argument("--limit", type=int, default=0, help="Only the first N rows.")
        parser.add_argument(
            "--model", help="Score with this model JSON (and its thresholds), not the shipped one."
        )
        parser.add_argument(
            "--clean",
            action="store_true",
            help="Strip retweet markers, handles, links and placeholders first, as training does.",
        )
        parser.add_argument(
            "--loso",
            action="store_true",
            help="CSV_FILE is a folder of sources: leave-one-source-out, one model per source.",
        )
        parser.add_argument(
            "--sample",
            type=int,
            default=0,
            help="With --loso: measure on N rows of each source drawn at random (seed 7), not "
            "all; the models are still trained on every row of the other sources.",
        )
        parser.add_argument(
            "--models",
            help="With --loso: the folder of civility-without-SOURCE.json models (trained "
            "there if missing).",
        )

    def screener(self, use_defaults, model=None):
        """The moderators' lists from the database, or the shipped ones; another model if asked."""
        if model:
            return self.screener_with_model(use_defaults, model)
        if not use_defaults:
            try:
                return current_screener()
            except DatabaseError:
                self.stderr.write("No word lists in the database (run migrate); using defaults.")
        return default_screener()

    def screener_with_model(self, use_defaults, path):
        lists = self.screener(use_defaults).lists
        try:
            scorer = LinearScorer(path)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Cannot load the model {path}: {error}") from error
        chosen = scorer.meta.get("thresholds") or {}
        thresholds = Thresholds(**chosen) if chosen else None
        return Screener(lists=lists, scorer=scorer, thresholds=thresholds)

    def judges(self, baseline, use_defaults, model=None):
        judges = [("civility screen", screen_predict(self.screener(use_defaults, model)))]
        if not baseline:
            return judges
        missing = []
        for name, load in BASELINES:
            predict = load()
            if predict is None:
                missing.append(name)
            else:
                judges.append((name, predict))
        if missing:
            self.stderr.write(
                f"Not installed, so not compared: {', '.join(missing)}. {INSTALL_HINT}"
            )
        return judges

    def handle(self, csv_file, baseline=False, limit=0, **options):
        if options["loso"]:
            return self.leave_one_source_out(csv_file, baseline, limit, options)
        rows = self.read(csv_file, limit)
        if options["clean"]:
            # Rows that were nothing but a handle or a link are dropped, as in training.
            rows = [(strip_platform_noise(text), label, category) for text, label, category in rows]
            rows = [row for row in rows if row[0]]
        judges = self.judges(baseline, options["default_lists"], options["model"])
        texts = [text for text, _, _ in rows]
        results = {name: run_timed(predict, texts) for name, predict in judges}
        self.table(rows, [name for name, _ in judges], results)

    def read(self, path, limit):
        try:
            with open(path, newline="", encoding="utf-8") as handle:
                reader = csv.DictReader(handle)
                if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
                    raise CommandError(f"{path} needs a header with at least text and label.")
                rows = []
                for number, row in enumerate(reader, start=2):
                    if limit and len(rows) >= limit:
                        break
                    if (row["label"] or "").strip() not in {"0", "1"}:
                        raise CommandError(f"{path}, line {number}: label must be 0 or 1.")
                    rows.append((row["text"], int(row["label"]), row.get("category") or ""))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        if not rows:
            raise CommandError(f"{path} has no rows.")
        return rows

    def table(self, rows, names, results):
        """One table: a block of metrics per category, a column per judge."""
        groups = defaultdict(list)
        for index, (_, _, category) in enumerate(rows):
            groups[category.split(":")[0] or "(none)"].append(index)
        blocks = [("all", list(range(len(rows))))] + sorted(groups.items())
        self.stdout.write(
            self.style.MIGRATE_HEADING(f"{'':22}" + "".join(f"{n:>{COLUMN}}" for n in names))
        )
        for category, indices in blocks:
            labels = [rows[i][1] for i in indices]
            positives = sum(labels)
            self.stdout.write(
                f"{category[:40]} (n={len(indices)}, uncivil {positives}, civil "
                f"{len(indices) - positives})"
            )
            scores = [scores_for(labels, [results[name][i] for i in indices]) for name in names]
            for title, attribute, form in METRICS:
                cells = []
                for s in scores:
                    value = getattr(s, attribute)
                    # Precision, recall and F1 say nothing about rows that are all civil.
                    undefined = not positives and attribute in {"precision", "recall", "f1"}
                    cells.append("–" if value is None or undefined else form.format(value))
                self.stdout.write(f"  {title:20}" + "".join(f"{c:>{COLUMN}}" for c in cells))

    # -- leave one source out ----------------------------------------------------------

    def leave_one_source_out(self, data_dir, baseline, limit, options):
        from pathlib import Path

        from civility_lab.train import read_sources

        if not options["models"]:
            raise CommandError("--loso needs --models DIR (where the per-source models are).")
        data_dir, models = Path(data_dir), Path(options["models"])
        if not data_dir.is_dir():
            raise CommandError(f"{data_dir} is not a folder of CSV files.")
        sources = read_sources(data_dir)  # cleaned as training cleans them
        if limit:
            sources = {name: rows[:limit] for name, rows in sources.items()}
        paths = {name: models / f"civility-without-{name}.json" for name in sources}
        missing = [name for name, path in paths.items() if not path.exists()]
        if missing:
            self.train_models(data_dir, models, missing, limit)
        if options["sample"]:
            # better-profanity takes about 10 ms a row: a sample keeps the baselines to minutes.
            sources = {
                name: random.Random(7).sample(rows, min(options["sample"], len(rows)))  # noqa: S311
                for name, rows in sources.items()
            }
        judges = [("civility screen", None)] + [
            (name, predict) for name, predict in self.judges(baseline, options["default_lists"])[1:]
        ]
        table = {}
        for name, rows in sources.items():
            texts = [text for text, _ in rows]
            labels = [label for _, label in rows]
            screener = self.screener_with_model(options["default_lists"], paths[name])
            table[name] = {}
            for judge, predict in judges:
                predict = predict or screen_predict(screener)
                many = getattr(predict, "many", None)
                results = many(texts) if many else [predict(text) for text in texts]
                table[name][judge] = measure(labels, results)
            self.stderr.write(f"{name}: {len(rows)} rows measured")
        self.print_loso(table, [judge for judge, _ in judges], sources)

    def train_models(self, data_dir, models, missing, limit):
        try:
            from civility_lab import train
        except ImportError as error:  # pragma: no cover - the train extra is absent
            raise CommandError(f'Training needs: pip install -e ".[train]" ({error})') from error
        self.stderr.write(
            f"No model without {', '.join(missing)} in {models}: training them (some minutes)."
        )
        arguments = ["--data-dir", str(data_dir), "--cross-models", str(models)]
        arguments += ["--out", str(models / "civility-all-sources.json")]
        if limit:
            arguments += ["--limit", str(limit)]
        train.main(arguments)

    def print_loso(self, table, judges, sources):
        """A Markdown table: one row per source and the mean, three figures per judge."""
        figures = ("ROC-AUC", "caught at 5% civil held", "civil held")
        head = ["source", "rows"] + [f"{judge}: {figure}" for judge in judges for figure in figures]
        self.stdout.write("| " + " | ".join(head) + " |")
        self.stdout.write("|" + "---|" * len(head))
        means = {judge: [[], [], []] for judge in judges}
        for name, by_judge in table.items():
            cells = [name, f"{len(sources[name]):,}"]
            for judge in judges:
                for k, value in enumerate(by_judge[judge]):
                    means[judge][k].append(value)
                    cells.append(_figure(value, k))
            self.stdout.write("| " + " | ".join(cells) + " |")
        cells = ["**mean**", f"{sum(len(rows) for rows in sources.values()):,}"]
        for judge in judges:
            for k, values in enumerate(means[judge]):
                known = [v for v in values if v is not None]
                cells.append(_figure(sum(known) / len(known) if known else None, k))
        self.stdout.write("| " + " | ".join(cells) + " |")


def measure(labels, results):
    """ROC-AUC, recall when 5 % of civil rows are held, and the civil rows held, of one judge."""
    caught = [bool(c) for c, _ in results]
    scores = [float(s) for _, s in results]
    civil = [c for c, label in zip(caught, labels, strict=True) if not label]
    return (
        roc_auc(labels, scores),
        recall_at_civil_share(labels, scores, 0.05),
        sum(civil) / len(civil) if civil else None,
    )


def _figure(value, k):
    if value is None:
        return "–"
    return f"{value:.3f}" if k == 0 else f"{value:.1%}"
