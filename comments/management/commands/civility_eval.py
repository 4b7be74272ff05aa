"""`manage.py civility_eval FILE.csv [--baseline]`: how well the screen does on labelled text.

The CSV needs `text` and `label` (1 breaks the policy, 0 civil), and may have `category`.
"""

import csv
from collections import defaultdict

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from comments.civility import Decision, default_screener
from comments.evaluation import run, score_rows
from comments.screening import current_screener


def screen_predict(screener):

    def predict(text):
        result = screener.screen(text)
        return result.decision is not Decision.PASS, result.score

    return predict


def baseline_predict():
    """alt-profanity-check, if the `eval` extra is installed; None otherwise."""
    try:
        from profanity_check import predict_prob
    except ImportError:
        return None

    def predict(text):
        probability = float(predict_prob([text])[0])
        return probability >= 0.5, probability

    return predict


class Command(BaseCommand):
    help = "Measure the civility screen on a CSV of text,label[,category]."

    def add_arguments(self, parser):
        parser.add_argument("csv_file")
        parser.add_argument(
            "--baseline", action="store_true", help="Also measure alt-profanity-check."
        )
        parser.add_argument(
            "--default-lists", action="store_true", help="The shipped lists, not the database's."
        )
        parser.add_argument("--limit", type=int, default=0, help="Only the first N rows.")

    def screener(self, use_defaults):
        """The moderators' lists from the database, or the shipped ones."""
        if not use_defaults:
            try:
                return current_screener()
            except DatabaseError:
                self.stderr.write("No word lists in the database (run migrate); using defaults.")
        return default_screener()

    def handle(self, csv_file, baseline=False, limit=0, **options):
        rows = self.read(csv_file, limit)
        judges = [("civility screen", screen_predict(self.screener(options["default_lists"])))]
        if baseline:
            predict = baseline_predict()
            if predict is None:
                self.stderr.write(
                    "alt-profanity-check is not installed, so there is no baseline. "
                    'Install it with: pip install -e ".[eval]"'
                )
            else:
                judges.append(("alt-profanity-check", predict))
        for name, predict in judges:
            self.report(name, predict, rows)

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
                    if row["label"].strip() not in {"0", "1"}:
                        raise CommandError(f"{path}, line {number}: label must be 0 or 1.")
                    rows.append((row["text"], int(row["label"]), row.get("category") or ""))
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.") from error
        if not rows:
            raise CommandError(f"{path} has no rows.")
        return rows

    def report(self, name, predict, rows):
        results, seconds = run(predict, [text for text, _, _ in rows])
        by_category = defaultdict(list)
        for (_, label, category), result in zip(rows, results, strict=True):
            by_category[category.split(":")[0] or "(none)"].append((label, result))
        self.stdout.write(self.style.MIGRATE_HEADING(f"\n{name}"))
        header = (
            f"{'':24} {'n':>6} {'prec':>6} {'recall':>6} {'F1':>6} {'AUC':>6} {'civil held':>10}"
        )
        self.stdout.write(header)
        self.line("all", [label for _, label, _ in rows], results, seconds)
        for category, pairs in sorted(by_category.items()):
            share = seconds * len(pairs) / len(rows)
            self.line(category, [p[0] for p in pairs], [p[1] for p in pairs], share)
        self.stdout.write(f"{1000 * seconds / len(rows):.2f} ms per comment")

    def line(self, label, labels, results, seconds):
        s = score_rows(labels, [r[0] for r in results], [r[1] for r in results], seconds)

        def fmt(value):
            return f"{value:6.3f}" if value is not None else "     –"

        held = f"{s.civil_held:10.1%}" if s.civil_held is not None else "         –"
        self.stdout.write(
            f"{label[:24]:24} {s.n:6d} {fmt(s.precision)} {fmt(s.recall)} {fmt(s.f1)} "
            f"{fmt(s.roc_auc)} {held}"
        )
