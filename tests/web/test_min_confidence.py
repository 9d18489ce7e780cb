"""`byline serve --min-confidence`: the API leaves out attributions below the threshold it was started with."""

from __future__ import annotations

from fastapi.testclient import TestClient

from byline.web.server import build_app

TEXT = (
    "Mayor Jane Ortiz said on Monday that the budget would pass. "
    "“We have the votes,” Ortiz told reporters after the meeting in the city hall."
)


def _attributions(min_confidence: float | None) -> list[dict]:
    with TestClient(build_app(preload=False, min_confidence=min_confidence)) as client:
        response = client.post("/api/read", json={"text": TEXT})
    assert response.status_code == 200, response.text
    return response.json()["attributions"]


def test_served_readings_keep_only_attributions_at_or_above_the_threshold():
    everything = _attributions(0.0)
    assert everything
    assert all(a["confidence"] >= 1.0 for a in _attributions(1.0))
    assert len(_attributions(1.0)) <= len(everything)
