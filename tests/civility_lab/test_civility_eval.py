"""`manage.py civility_eval`: metrics from a labelled CSV, clear errors for bad files."""

import pytest
from django.core.management import CommandError, call_command

from civility_lab.evaluation import roc_auc, score_rows

pytestmark = pytest.mark.django_db


def test_roc_auc_and_scores_by_hand():
    assert roc_auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.75
    assert roc_auc([1, 1], [0.2, 0.3]) is None
    scores = score_rows([1, 1, 0, 0], [True, False, True, False], [0.9, 0.2, 0.7, 0.1], 0.004)
    assert (scores.precision, scores.recall, scores.civil_held) == (0.5, 0.5, 0.5)
    assert scores.ms_per_comment == 1.0


def test_prints_overall_and_per_category(tmp_path, capsys):
    data = tmp_path / "sample.csv"
    data.write_text(
        "text,label,category\n"
        '"Survivors of trafficking deserve protection, not deportation.",0,civil\n'
        '"The police should treat victims as victims.",0,civil\n'
        '"You are a fucking idiot.",1,offensive\n'
        '"Send them back, the vermin.",1,hate\n',
        encoding="utf-8",
    )
    call_command("civility_eval", str(data), "--baseline")
    out, err = capsys.readouterr()
    for metric in ("precision", "recall", "F1", "ROC-AUC", "civil held", "ms per comment"):
        assert metric in out
    for category in ("all", "civil", "offensive", "hate"):
        assert category in out
    # Both baselines are compared in the same table, or (without the optional extra)
    # named with the way to install them instead of failing.
    header = out.splitlines()[0]
    assert "civility screen" in header
    for baseline in ("alt-profanity-check", "better-profanity"):
        assert baseline in header or (baseline in err and "[eval]" in err)


def test_baselines_sit_beside_the_screen(tmp_path, capsys, monkeypatch):
    from civility_lab.management.commands import civility_eval

    def always(text):
        return True, 1.0

    monkeypatch.setattr(
        civility_eval, "BASELINES", (("catch-all", lambda: always), ("absent", lambda: None))
    )
    data = tmp_path / "two.csv"
    data.write_text("text,label\nThank you for the report.,0\nYou are an idiot.,1\n")
    call_command("civility_eval", str(data), "--baseline")
    out, err = capsys.readouterr()
    header = out.splitlines()[0].split()
    assert header[-1] == "catch-all" and "absent" in err
    held = next(line for line in out.splitlines() if "civil held" in line)
    assert held.split()[-1] == "100.0%"  # the catch-all holds the civil comment


def test_bad_files_get_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("civility_eval", str(tmp_path / "missing.csv"))
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("body,score\nhello,1\n", encoding="utf-8")
    with pytest.raises(CommandError, match="text and label"):
        call_command("civility_eval", str(wrong))
    bad_label = tmp_path / "bad.csv"
    bad_label.write_text("text,label\nhello,maybe\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 2"):
        call_command("civility_eval", str(bad_label))


def test_another_model_and_its_thresholds_can_be_measured(tmp_path, capsys):
    """--model screens with a one-source model (the cross-data-set table) and its limits."""
    import json
    import shutil

    from comments.civility.scorer import DEFAULT_MODEL

    model = tmp_path / "other.json"
    meta = json.loads(DEFAULT_MODEL.read_text(encoding="utf-8"))
    meta["thresholds"] = {"hold": 0.0, "reject": 1.0}  # holds everything it scores
    model.write_text(json.dumps(meta), encoding="utf-8")
    shutil.copy(DEFAULT_MODEL.with_suffix(".bin"), tmp_path / meta["weights_file"])
    data = tmp_path / "two.csv"
    data.write_text("text,label\nThank you for the report.,0\nYou are an idiot.,1\n")
    call_command("civility_eval", str(data), "--model", str(model), "--default-lists")
    held = next(line for line in capsys.readouterr().out.splitlines() if "civil held" in line)
    assert held.split()[-1] == "100.0%"
    with pytest.raises(CommandError, match="Cannot load the model"):
        call_command("civility_eval", str(data), "--model", str(tmp_path / "none.json"))


def test_clean_strips_platform_noise_and_drops_empty_rows(tmp_path, capsys):
    data = tmp_path / "tweets.csv"
    data.write_text(
        "text,label\n"
        "RT @someone: thank you for the report http://t.co/x,0\n"
        "@someone http://t.co/y,0\n"
        "You are an idiot.,1\n"
    )
    call_command("civility_eval", str(data), "--clean", "--default-lists")
    out = capsys.readouterr().out
    assert "all (n=2, uncivil 1, civil 1)" in out


def test_recall_at_five_percent_of_civil_held_by_hand():
    from civility_lab.evaluation import recall_at_civil_share

    labels = [0] * 20 + [1] * 4
    # One civil text (5 % of 20) outranks two of the four uncivil ones.
    scores = [0.1] * 19 + [0.8] + [0.9, 0.7, 0.6, 0.95]
    assert recall_at_civil_share(labels, scores) == 0.5
    # A yes/no judge: its one point (10 % civil held, 3 of 4 caught) is read on the line
    # from (0, 0), so at 5 % it catches 37.5 %.
    said = [1.0, 1.0] + [0.0] * 18 + [1.0, 1.0, 1.0, 0.0]
    assert recall_at_civil_share(labels, said) == pytest.approx(0.375)
    assert recall_at_civil_share([1, 1], [0.1, 0.2]) is None
