"""The editor's main path in a real browser: log in, open the seeded summit, see the
timeline picture (cancelled band, reversal marker), record a meeting, see it listed."""

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

from tracker.models import Event, Meeting

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def wait_for(driver, css: str):
    # Waiting for the page is not a timing assertion: the generous limit only stops a hang.
    return WebDriverWait(driver, 30).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def test_editor_opens_the_timeline_and_records_a_meeting(browser, live_server, seeded, editor, artifacts):
    browser.get(f"{live_server.url}/admin/login/")
    browser.find_element(By.NAME, "username").send_keys("editor")
    browser.find_element(By.NAME, "password").send_keys("editor-pass-123")
    browser.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    wait_for(browser, "#user-tools")

    browser.get(f"{live_server.url}/admin/tracker/summit/")
    browser.find_element(By.LINK_TEXT, "Trump-Kim summit in Singapore").click()
    picture = wait_for(browser, "svg#timeline")
    cancelled = picture.find_elements(By.CSS_SELECTOR, "g[data-status='cancelled'] rect")
    assert cancelled and cancelled[0].size["width"] > 0
    reversal = picture.find_element(By.CSS_SELECTOR, "g.tl-reversal")
    assert "23.75 h" in reversal.text
    assert reversal.get_attribute("data-elapsed-hours") == "23.75"
    browser.execute_script("arguments[0].scrollIntoView()", picture)
    picture.screenshot(str(artifacts / "timeline.png"))
    assert (artifacts / "timeline.png").stat().st_size > 0

    browser.find_element(By.ID, "record-meeting-link").click()
    wait_for(browser, "#command-form")
    assert "Valid time" in browser.find_element(By.ID, "command-form").text
    browser.find_element(By.NAME, "title").send_keys("Pompeo's third visit to Pyongyang")
    browser.find_element(By.NAME, "other_participants").send_keys("Mike Pompeo\nKim Yong Chol")
    browser.find_element(By.NAME, "location").send_keys("Pyongyang")
    browser.find_element(By.CSS_SELECTOR, "input[name='time_kind'][value='day']").click()
    day = browser.find_element(By.NAME, "day")
    assert day.is_displayed()
    assert not browser.find_element(By.NAME, "range_from").is_displayed()  # the kind shows only its fields
    browser.execute_script("arguments[0].value = '2018-07-06'", day)  # native date pickers ignore typed keys
    browser.find_element(By.CSS_SELECTOR, "#command-form input[type=submit]").click()

    wait_for(browser, "#result_list")
    assert "Pompeo's third visit to Pyongyang" in browser.find_element(By.ID, "result_list").text
    assert "recorded" in browser.find_element(By.CSS_SELECTOR, "ul.messagelist").text
    meeting = Meeting.objects.get(title="Pompeo's third visit to Pyongyang")
    assert meeting.summit_slug == seeded
    event = Event.objects.get(stream_type="meeting", stream_id=meeting.meeting_id)
    assert event.metadata["actor"] == "editor"

    browser.get(f"{live_server.url}/admin/tracker/summit/")
    browser.find_element(By.LINK_TEXT, "Trump-Kim summit in Singapore").click()
    marker = wait_for(browser, f"svg#timeline g[data-meeting-id='{meeting.meeting_id}']")
    assert "Pompeo's third visit" in marker.text
    browser.save_screenshot(str(artifacts / "summit-page.png"))
