"""Each site sets the screen's hold and reject thresholds; blank means the trained ones."""

import pytest
from django.core.exceptions import ValidationError

from comments.civility import Decision, Thresholds
from comments.models import Comment
from comments.screening import screen_comment
from tests.comments.conftest import form_data

pytestmark = pytest.mark.django_db

CIVIL = "Victims of trafficking must be able to report crimes without fear of removal."


def test_blank_settings_use_the_trained_thresholds(options):
    assert options.civility_hold_threshold is None
    assert options.thresholds() == Thresholds()


def test_the_screen_reads_the_sites_thresholds(options):
    score = screen_comment(CIVIL).model_score
    assert screen_comment(CIVIL, options).decision is Decision.PASS
    options.civility_hold_threshold = max(0.0, score - 0.001)
    options.civility_reject_threshold = 1.0
    options.save()
    assert screen_comment(CIVIL, options).decision is Decision.HOLD
    options.civility_reject_threshold = options.civility_hold_threshold
    assert screen_comment(CIVIL, options).decision is Decision.REJECT


def test_posting_uses_the_sites_thresholds(client, story, options):
    options.civility_hold_threshold = 0.0
    options.civility_reject_threshold = 0.0
    options.save()
    response = client.post(f"/comments/post/{story.pk}/", form_data(body=CIVIL))
    assert response.status_code == 422
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.REJECTED
    assert comment.decision == Decision.REJECT.value
    # Both numbers are stored: the ranking score and the model's part the thresholds tested.
    screened = screen_comment(CIVIL)
    assert (comment.score, comment.model_score) == (screened.score, screened.model_score)


def test_reject_below_hold_is_refused(options):
    options.civility_hold_threshold = 0.9
    options.civility_reject_threshold = 0.5
    with pytest.raises(ValidationError, match="reject threshold"):
        options.full_clean()
    options.civility_reject_threshold = 1.5
    with pytest.raises(ValidationError):
        options.full_clean()
