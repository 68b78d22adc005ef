"""Headless Chromium for tests, driven over the Chrome DevTools Protocol.

    with Browser() as browser:
        page = browser.load("http://127.0.0.1:8080/", width=390, height=844, mobile=True)
        assert page.status == 200
        assert page.eval("document.querySelectorAll('img').length") == 3
        page.screenshot("dashboard.png")
        page.press_tab()
        page.eval("document.activeElement.tagName")
        page.click("a#next")
        page.requests  # every URL requested so far, to spot off-host requests

Uses only Debian's chromium and python3-websocket. A Browser drives one tab; each
load() replaces the previous Page.
"""
import atexit
import base64
import ctypes
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
import time

import websocket

# Chromium is kept from talking to Google or other hosts on its own, so that the
# only traffic is the page's.
FLAGS = [
    "--headless=new",
    "--remote-debugging-port=0",
    "--no-sandbox",  # the sandbox refuses to run as root
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--metrics-recording-only",
    "--mute-audio",
    "--disable-dev-shm-usage",
    # Layout and screenshots are then as wide as the viewport asked for, as on a
    # phone or with overlay scrollbars, instead of 15 px narrower on long pages.
    "--hide-scrollbars",
    # Some services ignore the flags above (sign-in's ListAccounts, the updater of
    # on-device models, network time), so nothing but loopback resolves:
    # nothing reaches the network, and an off-host request of the page fails
    # quickly instead of depending on the network, yet still shows in `requests`.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1",
]

# How long the network must stay quiet before a page counts as settled: long
# enough for scripts run at load time to start their fetches.
QUIET = 0.3

PHONE_UA = ("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/{major}.0.0.0 Mobile Safari/537.36")


class BrowserError(RuntimeError):
    pass


class BrowserTimeout(BrowserError, TimeoutError):
    pass


# Looked up now: between fork and exec, another thread may hold the lock dlsym needs.
_prctl = ctypes.CDLL(None, use_errno=True).prctl


def _die_with_parent():
    # A test killed by a timeout never runs atexit; this stops Chromium from
    # outliving it. The signal comes when the forking *thread* ends, so create
    # the Browser in a thread that lasts as long as it is used.
    PR_SET_PDEATHSIG = 1
    _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _running_in_group(pgid):
    """Whether a process of group pgid still runs; zombies do not count, as
    reaping them is up to init and can take a second or more."""
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                # The command name in parentheses may contain spaces.
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


class Browser:
    def __init__(self, chromium="/usr/bin/chromium", timeout=30):
        self.timeout = timeout
        self._dir = tempfile.mkdtemp(prefix="browser-")
        self._log = os.path.join(self._dir, "chromium.log")
        self._proc = None
        self._ws = None
        self._reader = None
        # One lock for everything the reader thread shares with callers.
        self._cond = threading.Condition()
        self._next_id = 0
        self._waiting = set()
        self._replies = {}
        self._dead = None
        self._page = None
        self._session = None
        atexit.register(self.close)
        try:
            self._start(chromium)
        except BaseException:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start(self, chromium):
        profile = os.path.join(self._dir, "profile")
        os.mkdir(profile)
        with open(self._log, "wb") as log:
            self._proc = subprocess.Popen(
                [chromium, *FLAGS, "--user-data-dir=" + profile, "about:blank"],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                start_new_session=True, preexec_fn=_die_with_parent)
        port_file = os.path.join(profile, "DevToolsActivePort")
        deadline = time.monotonic() + self.timeout
        while True:
            if self._proc.poll() is not None:
                raise BrowserError(f"{chromium} exited with status {self._proc.returncode} "
                                   f"while starting{self._log_tail()}")
            try:
                with open(port_file) as f:
                    lines = f.read().split("\n")
                if len(lines) >= 2 and lines[0].isdigit() and lines[1].startswith("/devtools/"):
                    break
            except FileNotFoundError:
                pass
            if time.monotonic() > deadline:
                raise BrowserTimeout(f"{chromium} did not open its DevTools port within "
                                     f"{self.timeout} s{self._log_tail()}")
            time.sleep(0.05)

        # Without an Origin header Chromium needs no --remote-allow-origins.
        self._ws = websocket.create_connection(f"ws://127.0.0.1:{lines[0]}{lines[1]}",
                                               timeout=self.timeout, suppress_origin=True)
        self._ws.settimeout(None)  # the reader blocks; callers time out on the condition
        self._reader = threading.Thread(target=self._read, name="cdp-reader", daemon=True)
        self._reader.start()

        self._user_agent = self._call("Browser.getVersion")["userAgent"]
        major = re.search(r"Chrome/(\d+)", self._user_agent)
        self._phone_user_agent = PHONE_UA.format(major=major.group(1) if major else "120")
        targets = self._call("Target.getTargets")["targetInfos"]
        pages = [t["targetId"] for t in targets if t["type"] == "page"]
        target = pages[0] if pages else self._call("Target.createTarget", url="about:blank")["targetId"]
        # A flattened session multiplexes the tab over the one browser connection.
        self._session = self._call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self._tab("Page.enable")
        self._tab("Network.enable")
        # Every load fetches everything, so `requests` is complete on reloads too.
        self._tab("Network.setCacheDisabled", cacheDisabled=True)
        # Headless windows are never focused; focus styles and events should behave
        # as in a focused window.
        self._tab("Emulation.setFocusEmulationEnabled", enabled=True)
        self._frame = self._tab("Page.getFrameTree")["frameTree"]["frame"]["id"]

    def load(self, url, width=1280, height=900, mobile=False, timeout=30):
        """Navigates the tab to url and waits for the load event and a quiet network."""
        deadline = time.monotonic() + timeout
        self._tab("Emulation.setDeviceMetricsOverride", deadline, width=width, height=height,
                  deviceScaleFactor=2 if mobile else 1, mobile=mobile)
        # Set either way, as the override outlives the load that set it.
        self._tab("Network.setUserAgentOverride", deadline,
                  userAgent=self._phone_user_agent if mobile else self._user_agent)
        page = Page(self, self._frame)
        with self._cond:
            self._page = page
            seq = page._seq
        try:
            # Answered only once the response headers are in.
            result = self._tab("Page.navigate", deadline, url=url)
        except BrowserTimeout:
            self._stop_loading()
            raise BrowserTimeout(f"loading {url}: no response within {timeout} s") from None
        if result.get("errorText"):
            raise BrowserError(f"loading {url}: {result['errorText']}")
        # A same-document navigation has no loader and fires no load event.
        page._settle(deadline, f"loading {url}", load_after=seq if result.get("loaderId") else None)
        return page

    def _stop_loading(self):
        # A navigation left hanging holds back later commands to the tab.
        try:
            self._tab("Page.stopLoading", time.monotonic() + 5)
        except BrowserError:
            pass

    def close(self):
        atexit.unregister(self.close)
        ws, self._ws = self._ws, None
        proc, self._proc = self._proc, None
        if ws is not None:
            try:
                ws.shutdown()
            except Exception:
                pass
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
            # Renderers and helpers outlive the browser process for a moment, and
            # may still be writing into the profile that is about to be removed.
            deadline = time.monotonic() + 2
            while _running_in_group(proc.pid) and time.monotonic() < deadline:
                time.sleep(0.02)
            if _running_in_group(proc.pid):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        if self._reader is not None:
            self._reader.join(5)
            self._reader = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def _log_tail(self, limit=4000):
        try:
            with open(self._log, "rb") as f:
                f.seek(0, os.SEEK_END)
                f.seek(max(0, f.tell() - limit))
                text = f.read().decode(errors="replace").strip()
        except (OSError, TypeError):
            return ""
        return f"\nchromium output:\n{text}" if text else ""

    def _read(self):
        reason = "connection to chromium closed"
        try:
            while True:
                text = self._ws.recv()
                if not text:
                    break
                message = json.loads(text)
                with self._cond:
                    if "id" in message:
                        # Replies to calls that timed out are dropped.
                        if message["id"] in self._waiting:
                            self._replies[message["id"]] = message
                    elif message.get("sessionId", 0) == self._session:
                        method = message.get("method")
                        if method == "Inspector.targetCrashed":
                            reason = "the page crashed"
                            break
                        if self._page is not None:
                            self._page._event(method, message.get("params", {}))
                    self._cond.notify_all()
        except Exception as e:
            if self._ws is not None:
                reason = f"connection to chromium failed: {e!r}"
        with self._cond:
            self._dead = reason
            self._cond.notify_all()

    def _died(self):
        return BrowserError(self._dead + self._log_tail())

    def _call(self, method, deadline=None, session=None, **params):
        if deadline is None:
            deadline = time.monotonic() + self.timeout
        allowed = max(0, deadline - time.monotonic())
        with self._cond:
            if self._dead:
                raise self._died()
            if self._ws is None:
                raise BrowserError("the browser is closed")
            self._next_id += 1
            id = self._next_id
            self._waiting.add(id)
        message = {"id": id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        try:
            try:
                self._ws.send(json.dumps(message))
            except Exception as e:
                raise BrowserError(f"{method}: sending failed: {e!r}{self._log_tail()}")
            with self._cond:
                while id not in self._replies:
                    if self._dead:
                        raise self._died()
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise BrowserTimeout(f"{method}: no answer from chromium within {allowed:.3g} s")
                    self._cond.wait(left)
                reply = self._replies.pop(id)
        finally:
            with self._cond:
                self._waiting.discard(id)
                self._replies.pop(id, None)
        if "error" in reply:
            error = reply["error"]
            raise BrowserError(f"{method}: {error.get('message')} {error.get('data', '')}".rstrip())
        return reply.get("result", {})

    def _tab(self, method, deadline=None, **params):
        return self._call(method, deadline, self._session, **params)


class Page:
    """The document in the Browser's tab, as left by the latest load()."""

    def __init__(self, browser, frame):
        self._browser = browser
        self._frame = frame
        self._status = None
        self._requests = []
        self._in_flight = {}
        self._last_activity = time.monotonic()
        # Event counters, so a wait can tell which came last.
        self._seq = 0
        self._started = self._loaded = self._stopped = 0

    @property
    def status(self):
        """The HTTP status of the main document (after redirects), None before it came."""
        with self._browser._cond:
            return self._status

    @property
    def requests(self):
        with self._browser._cond:
            return list(self._requests)

    # Called by the reader thread with the lock held.
    def _event(self, method, p):
        self._seq += 1
        now = time.monotonic()
        if method == "Network.requestWillBeSent":
            url = p["request"]["url"]
            if not url.startswith("data:"):
                self._requests.append(url)
                # An EventSource stays open for good and would never let the page settle.
                if p.get("type") != "EventSource":
                    self._in_flight[p["requestId"]] = url
            self._last_activity = now
        elif method in ("Network.loadingFinished", "Network.loadingFailed"):
            if self._in_flight.pop(p["requestId"], None) is not None:
                self._last_activity = now
        elif method == "Network.responseReceived":
            if p.get("type") == "Document" and p.get("frameId") == self._frame:
                self._status = p["response"]["status"]
        elif method == "Page.frameStartedLoading" and p.get("frameId") == self._frame:
            self._started = self._seq
        elif method == "Page.frameStoppedLoading" and p.get("frameId") == self._frame:
            self._stopped = self._seq
        elif method == "Page.loadEventFired":
            self._loaded = self._seq
            self._last_activity = now

    def _settle(self, deadline, what, load_after=None):
        """Waits for a load event after load_after (if given), for any navigation
        under way to finish, and then for QUIET seconds without a request in flight."""
        browser = self._browser
        with browser._cond:
            while True:
                if browser._dead:
                    raise browser._died()
                now = time.monotonic()
                if load_after is not None and self._loaded <= load_after:
                    waiting_for, wait = "the load event", None
                # A navigation that is cancelled or replaced stops without a load event.
                elif self._started > max(self._loaded, self._stopped):
                    waiting_for, wait = "a navigation to finish", None
                elif self._in_flight:
                    waiting_for, wait = "requests in flight: " + ", ".join(self._in_flight.values()), None
                else:
                    quiet = now - self._last_activity
                    if quiet >= QUIET:
                        return
                    waiting_for, wait = "the network to go quiet", QUIET - quiet
                left = deadline - now
                if left <= 0:
                    break
                browser._cond.wait(left if wait is None else min(wait, left))
        browser._stop_loading()
        raise BrowserTimeout(f"{what}: timed out waiting for {waiting_for}")

    def _check(self):
        if self._browser._page is not self:
            raise BrowserError("this page was replaced by a later load()")

    def eval(self, js_expression, timeout=None):
        """Returns the value of js_expression (awaited if a promise), as JSON-like Python."""
        self._check()
        deadline = None if timeout is None else time.monotonic() + timeout
        reply = self._browser._tab("Runtime.evaluate", deadline, expression=js_expression,
                                   returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in reply:
            details = reply["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"eval {js_expression!r}: {text}")
        result = reply["result"]
        if "unserializableValue" in result:  # NaN, Infinity, -0 or a BigInt
            value = result["unserializableValue"]
            return int(value[:-1]) if value.endswith("n") else float(value)
        return result.get("value")

    def screenshot(self, path):
        """Writes a PNG of the whole page, not only the viewport."""
        self._check()
        browser = self._browser
        metrics = browser._tab("Page.getLayoutMetrics")
        size = metrics.get("cssContentSize") or metrics["contentSize"]
        viewport = metrics.get("cssLayoutViewport") or metrics["layoutViewport"]
        # A page shorter or narrower than the viewport still shows the whole viewport.
        clip = {"x": 0, "y": 0, "scale": 1,
                "width": max(size["width"], viewport["clientWidth"]),
                "height": max(size["height"], viewport["clientHeight"])}
        reply = browser._tab("Page.captureScreenshot", format="png",
                             captureBeyondViewport=True, clip=clip)
        with open(path, "wb") as f:
            f.write(base64.b64decode(reply["data"]))

    def press_tab(self, n=1, shift=False):
        """Moves keyboard focus as n presses of Tab (Shift+Tab if shift) would."""
        self._check()
        for _ in range(n):
            for kind in ("rawKeyDown", "keyUp"):
                self._browser._tab("Input.dispatchKeyEvent", type=kind, key="Tab", code="Tab",
                                   windowsVirtualKeyCode=9, nativeVirtualKeyCode=9,
                                   modifiers=8 if shift else 0)

    def click(self, selector, timeout=30):
        """Clicks the centre of the first element matching selector, as a user would
        (so it fails if something covers it), then waits as load() does for any
        navigation or requests the click started."""
        self._check()
        deadline = time.monotonic() + timeout
        where = self.eval("""(() => {
            const e = document.querySelector(%s);
            if (!e) return "no element matches";
            e.scrollIntoView({block: "center", inline: "center", behavior: "instant"});
            const r = e.getBoundingClientRect();
            if (r.width <= 0 || r.height <= 0) return "the element has no size";
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            const hit = document.elementFromPoint(x, y);
            if (hit && hit !== e && !e.contains(hit))
                return "the element is covered by <" + hit.tagName.toLowerCase() + ">";
            return [x, y];
        })()""" % json.dumps(selector), timeout)
        if isinstance(where, str):
            raise BrowserError(f"click {selector!r}: {where}")
        x, y = where
        browser = self._browser
        for kind, buttons in (("mouseMoved", 0), ("mousePressed", 1), ("mouseReleased", 0)):
            browser._tab("Input.dispatchMouseEvent", deadline, type=kind, x=x, y=y,
                         button="none" if kind == "mouseMoved" else "left",
                         buttons=buttons, clickCount=0 if kind == "mouseMoved" else 1)
        # Give a navigation or fetch the click starts QUIET seconds to show up.
        with browser._cond:
            self._last_activity = time.monotonic()
        self._settle(deadline, f"after clicking {selector!r}")
