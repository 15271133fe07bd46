"""qawl-lookup serve in a real browser: headless Chromium through Selenium.

Usage: web_browser.py BUILD_DIR SOURCE_DIR SCREENSHOT_DIR

Over the seed articles' index (plus a hostile record) it types بوتين in the
speaker box, picks the suggestion and checks that Putin's quotes render right
to left with their kinds; opens the speaker page and finds the chart; searches
a phrase in another spelling; checks that the hostile quote and speaker show
as the characters they are (no element, no script run); and saves
screenshots of the results, speaker and hostile-record pages to
SCREENSHOT_DIR.
"""
import os
import sys
import tempfile
import time
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import qawl_serve  # noqa: E402

KINDS = {"direct", "partial", "indirect"}


def fail(message):
    print("FAIL: " + message)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,1000", "--lang=ar", "--force-device-scale-factor=1"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def wait_results(driver, wait):
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results li.entry")
               or "error" in d.find_element(By.ID, "status").get_attribute("class"))
    status = driver.find_element(By.ID, "status")
    check("error" not in status.get_attribute("class"), "search failed: " + status.text)
    return driver.find_elements(By.CSS_SELECTOR, "#results li.entry")


def console_errors(driver):
    out = []
    for entry in driver.get_log("browser"):
        if entry["level"] == "SEVERE" and "favicon.ico" not in entry["message"]:
            out.append(entry["message"])
    return out


def main():
    build, src, shots = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(shots, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = qawl_serve.build_seed_index(build, src, tmp)
        with qawl_serve.Server(build, db) as server:
            driver = browser()
            try:
                run(driver, server.url, shots)
            finally:
                driver.quit()
            status = server.stop()
            check(status == 0, "qawl-lookup serve exited with %s after SIGTERM" % status)
    print("browser test passed; screenshots in " + shots)


def run(driver, base, shots):
    wait = WebDriverWait(driver, 20)

    # 1. Type بوتين, pick the suggestion: Putin's quotes, right to left,
    #    with their kinds; the query is in the address.
    driver.get(base + "/")
    check(driver.execute_script("return document.documentElement.dir") == "rtl", "page is not rtl")
    box = driver.find_element(By.ID, "speaker")
    box.send_keys("بوتين")
    suggestion = wait.until(EC.element_to_be_clickable(
        (By.CSS_SELECTOR, "#suggestions li[data-id='vladimir-putin']")))
    check("Vladimir Putin" in suggestion.text or "بوتين" in suggestion.text,
          "suggestion reads %r" % suggestion.text)
    suggestion.click()
    wait.until(lambda d: "speaker=vladimir-putin" in d.current_url)
    entries = wait_results(driver, wait)
    check(len(entries) >= 3, "only %d entries for Putin" % len(entries))
    for e in entries:
        who = e.find_element(By.CSS_SELECTOR, ".who a").text
        check(who == "Vladimir Putin", "entry speaker %r" % who)
        quote = e.find_element(By.CSS_SELECTOR, ".quote")
        direction = driver.execute_script("return getComputedStyle(arguments[0]).direction", quote)
        check(direction == "rtl", "quote %r is laid out %s" % (quote.text[:40], direction))
        kinds = {k.get_attribute("data-kind") for k in e.find_elements(By.CSS_SELECTOR, ".kinds .kind")}
        check(kinds and kinds <= KINDS, "entry kinds %r" % kinds)
        check(e.find_elements(By.CSS_SELECTOR, ".occurrences a[href^='https://example.org/news/']"),
              "entry without an article link")
    shown_kinds = {k.get_attribute("data-kind") for k in driver.find_elements(By.CSS_SELECTOR, ".kinds .kind")}
    check(len(shown_kinds) >= 2, "Putin's quotes show only kinds %r" % shown_kinds)
    # The address reproduces the page (bookmark, share).
    bookmarked = driver.current_url
    driver.get(bookmarked)
    again = wait_results(driver, wait)
    check(len(again) == len(entries), "bookmarked url shows %d entries, not %d" % (len(again), len(entries)))
    check(driver.find_element(By.ID, "speaker").get_attribute("value") == "vladimir-putin",
          "form not refilled from the address")
    driver.save_screenshot(os.path.join(shots, "lookup-results.png"))

    # 2. The speaker page and its chart.
    driver.find_element(By.CSS_SELECTOR, "#results li.entry .who a").click()
    wait.until(lambda d: "view=speaker" in d.current_url)
    chart = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#speaker-page svg#months-chart")))
    bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
    heights = [float(b.get_attribute("height")) for b in bars]
    check(len(bars) >= 3 and max(heights) > 0, "chart bars %r" % heights)
    name = driver.find_element(By.CSS_SELECTOR, "#speaker-page .speaker-name").text
    check(name == "Vladimir Putin", "speaker page name %r" % name)
    link = driver.find_element(By.CSS_SELECTOR, "#speaker-page a.wikidata").get_attribute("href")
    check(link == "https://www.wikidata.org/wiki/Q7747", "wikidata link %r" % link)
    check(wait_results(driver, wait), "no recent quotes on the speaker page")
    driver.save_screenshot(os.path.join(shots, "lookup-speaker.png"))

    # 3. A phrase in another spelling (teh marbuta as heh) finds the quote
    #    as the article spells it.
    driver.get(base + "/")
    driver.find_element(By.ID, "phrase").send_keys("المساعده المتبادله")
    driver.find_element(By.CSS_SELECTOR, "#search button[type=submit]").click()
    wait.until(lambda d: "phrase=" in d.current_url)
    entries = wait_results(driver, wait)
    texts = [e.find_element(By.CSS_SELECTOR, ".quote").text for e in entries]
    check(any("المساعدة المتبادلة" in t for t in texts), "phrase search found %r" % texts)

    # 4. The hostile record: its quote and speaker show as text.
    driver.get(base + "/?" + urllib.parse.urlencode({"q": "تهديد خطير"}))
    entries = wait_results(driver, wait)
    check(len(entries) == 1, "%d entries for the hostile quote" % len(entries))
    quote = entries[0].find_element(By.CSS_SELECTOR, ".quote")
    check(quote.text == qawl_serve.HOSTILE_TEXT, "hostile quote shows as %r" % quote.text)
    who = entries[0].find_element(By.CSS_SELECTOR, ".who").text
    check(qawl_serve.HOSTILE_MENTION in who, "hostile mention shows as %r" % who)
    check(not driver.find_elements(By.CSS_SELECTOR, "#results img, #results script"),
          "the hostile record made elements")
    check(not driver.find_elements(By.CSS_SELECTOR, "#results a[href^='javascript']"),
          "a javascript: url became a link")
    check(driver.execute_script("return document.querySelectorAll('img').length") == 0, "an image appeared")
    driver.save_screenshot(os.path.join(shots, "lookup-hostile.png"))
    # And in the suggestions box and a speaker search by that mention.
    driver.get(base + "/?" + urllib.parse.urlencode({"speaker": qawl_serve.HOSTILE_MENTION}))
    entries = wait_results(driver, wait)
    check(len(entries) == 1, "%d entries for the hostile speaker" % len(entries))
    check(driver.find_element(By.ID, "speaker").get_attribute("value") == qawl_serve.HOSTILE_MENTION,
          "hostile speaker not refilled as text")
    check(driver.execute_script("return document.querySelectorAll('img, #results script').length") == 0,
          "the hostile speaker made elements")

    # 5. A bad parameter in the address is reported, not a blank page.
    driver.get(base + "/?since=2024-02-30")
    wait.until(lambda d: "error" in d.find_element(By.ID, "status").get_attribute("class"))
    message = driver.find_element(By.ID, "status").text
    check("since" in message, "bad date message %r" % message)

    errors = [e for e in console_errors(driver) if "400" not in e]
    check(not errors, "console errors: %r" % errors)


if __name__ == "__main__":
    main()
