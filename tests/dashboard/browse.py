"""Loads dashboard pages in headless Chromium and reports what a reader's browser
saw, for the dashboard's process test, which states what must be true of it.

    browse.py STEPS.json   prints one JSON result per step, as a list

Each step is an object; every key but "url" is optional:
    url         the page to load
    width, height, mobile   the viewport (a phone with mobile: true)
    fill        {selector: value}: typed into the page's fields, then
    click       a selector clicked as a user would (a form's button); waits for
                the page it leads to
    eval        a JavaScript expression evaluated in the page; its value is reported
    tabs        Tab presses, after which the focused element is reported
    screenshot  a path for a PNG of the whole page
The result: status (the document's HTTP status), requests (every URL the page
requested), value, focused, screenshot_width.
"""
import json
import os
import struct
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
from browser import Browser  # noqa: E402


def png_width(path):
    with open(path, "rb") as f:
        header = f.read(24)
    return struct.unpack(">I", header[16:20])[0]


def main():
    with open(sys.argv[1]) as f:
        steps = json.load(f)
    results = []
    with Browser() as browser:
        for step in steps:
            page = browser.load(step["url"], width=step.get("width", 1280),
                                height=step.get("height", 900), mobile=step.get("mobile", False))
            for selector, value in step.get("fill", {}).items():
                page.eval("document.querySelector(%s).value = %s" %
                          (json.dumps(selector), json.dumps(value)))
            if "click" in step:
                page.click(step["click"])
            result = {"status": page.status, "requests": list(page.requests)}
            if "eval" in step:
                result["value"] = page.eval(step["eval"])
            if "tabs" in step:
                page.press_tab(step["tabs"])
                result["focused"] = page.eval(
                    "(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '') +"
                    " ' ' + (e.textContent || '').trim())(document.activeElement)")
            if "screenshot" in step:
                page.screenshot(step["screenshot"])
                result["screenshot_width"] = png_width(step["screenshot"])
            results.append(result)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
