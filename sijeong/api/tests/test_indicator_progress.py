"""Each indicator in the API carries its latest value, target, share and status as every page
shows them (`core.progress.standing`), as of the dashboard's day unless another is asked."""

from __future__ import annotations

from typing import Any

from sijeong.core.models import Indicator


def test_an_indicator_reads_with_its_progress_on_the_dashboards_day(world: Any) -> None:
    schools = Indicator.objects.get(key="neulbom-schools")
    anonymous = world.callers["anonymous"]
    progress = anonymous.get(f"/api/v1/indicators/{schools.pk}").json()["progress"]
    assert progress == {
        "as_of": "2024-08-31",
        "latest": [{"as_of": "2024-06-01", "value": "150.0000", "dimension_values": {}}],
        "target": {"value": "565.0000", "due": "2024-09-01", "dimension_values": {}},
        "share": "26.5",
        "status": "지연",
    }
    earlier = anonymous.get("/api/v1/indicators/", as_of="2024-06-01", page_size=100).json()
    [listed] = [i for i in earlier["items"] if i["id"] == schools.pk]
    assert (listed["progress"]["as_of"], listed["progress"]["status"]) == ("2024-06-01", "순항")
    drivers = Indicator.objects.get(key="call-taxi-short-shift-drivers")
    untargeted = anonymous.get(f"/api/v1/indicators/{drivers.pk}").json()["progress"]
    assert untargeted["target"] is None and untargeted["status"] is None
    assert untargeted["latest"][0]["value"] == "131.0000"


def test_a_day_that_cannot_be_read_is_refused_in_korean(world: Any) -> None:
    schools = Indicator.objects.get(key="neulbom-schools")
    for path, day in (
        (f"/api/v1/indicators/{schools.pk}", "99999"),
        ("/api/v1/indicators/", "1800-01-01"),
    ):
        answer = world.callers["viewer"].get(path, as_of=day)
        assert answer.status_code == 422, path
        assert "기준일" in answer.json()["errors"]["as_of"][0]
