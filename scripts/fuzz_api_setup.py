#!/usr/bin/env python3
"""Helpers of scripts/fuzz-api.sh, standard library only.

  session BASE_URL USERNAME [TOTP_SECRET]   signs in (password on stdin), completing the
                                            second factor when a TOTP secret is given; prints
                                            the session cookie and the CSRF token, one a line
  scan HAR_FILE...                          looks through every response body of the reports
                                            for what must never reach a client (panics,
                                            database errors, file paths); exit 1 if found
"""

import base64
import hashlib
import hmac
import json
import re
import struct
import sys
import time
import urllib.error
import urllib.request

COOKIE = "__Host-umis_session"

# What a response body must never contain: a panic message, a database driver's error, a
# connection URL or a path on the server's disk.
LEAKS = [
    re.compile(r"panicked"),
    re.compile(r"stack backtrace"),
    re.compile(r"SQLite"),
    re.compile(r"PostgreSQL"),
    re.compile(r"(sqlite|postgres(ql)?)://"),
    re.compile(r"(/root|/home|/tmp|/var|/work|/usr)/[\w.-]+/"),
    re.compile(r"\bcrates/umis|\bsrc/[\w/]+\.rs\b"),
]


def totp(secret_b32: str, at: float) -> str:
    """The RFC 6238 code (HMAC-SHA-1, 30-second steps, 6 digits) of a base32 secret."""
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(at) // 30), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def post(url: str, body: dict, cookie: str = "", csrf: str = "") -> tuple[dict, str]:
    """POSTs JSON; the answer's JSON and the session cookie it sets (or the one sent)."""
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST")
    req.add_header("Content-Type", "application/json")
    if cookie:
        req.add_header("Cookie", f"{COOKIE}={cookie}")
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:
            answer = json.load(resp)
            for value in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                if name == COOKIE:
                    cookie = rest.split(";", 1)[0]
            return answer, cookie
    except urllib.error.HTTPError as e:
        sys.exit(f"{url}: {e.code} {e.read()[:300]!r}")


def session(base: str, username: str, secret: str = "") -> None:
    password = sys.stdin.readline().rstrip("\r\n")
    answer, cookie = post(f"{base}/api/v1/session", {"username": username, "password": password})
    if answer.get("second_factor_required"):
        if not secret:
            sys.exit(f"{username} needs a second factor and no TOTP secret was given")
        code = totp(secret, time.time())
        answer, cookie = post(f"{base}/api/v1/session/totp", {"code": code}, cookie, answer.get("csrf_token", ""))
    if not cookie or not answer.get("csrf_token"):
        sys.exit(f"{username}: no session")
    print(cookie)
    print(answer["csrf_token"])


def body_text(content: dict) -> str:
    text = content.get("text") or ""
    if content.get("encoding") == "base64":
        text = base64.b64decode(text).decode("utf-8", "replace")
    return text


def scan(paths: list[str]) -> None:
    found, bodies, statuses = [], 0, {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            entries = json.load(f)["log"]["entries"]
        for entry in entries:
            status = entry["response"]["status"]
            statuses[status] = statuses.get(status, 0) + 1
            text = body_text(entry["response"].get("content", {}))
            if entry["response"].get("content", {}).get("mimeType", "").startswith("application/pdf"):
                continue
            bodies += 1
            for pattern in LEAKS:
                if pattern.search(text):
                    found.append(f"{entry['request']['method']} {entry['request']['url'][:120]}: {pattern.pattern}")
    by_status = ", ".join(f"{n}x{code}" for code, n in sorted(statuses.items()))
    print(f"{sum(statuses.values())} answers ({by_status}); {bodies} bodies scanned: {len(found)} leak(s)")
    for line in found[:20]:
        print(f"  {line}")
    if found:
        sys.exit(1)


def main() -> None:
    if len(sys.argv) >= 4 and sys.argv[1] == "session":
        session(*sys.argv[2:5])
    elif len(sys.argv) >= 3 and sys.argv[1] == "scan":
        scan(sys.argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
