"""Checks a multipart/byteranges answer (RFC 9110 section 14.6) against the file it came from.

usage: check_multipart.py FILE BODY CONTENT_TYPE RANGES   (RANGES as in the request: a-b,c-d,...)
Exit 0 when the body holds exactly the requested ranges, in order, each part with a correct
Content-Range and the file's bytes; 1 (with a message) otherwise. Python stdlib only.
"""

import re
import sys


def fail(msg):
    print(f"multipart check: {msg}", file=sys.stderr)
    sys.exit(1)


def main():
    path, body_path, ctype, ranges = sys.argv[1:5]
    m = re.match(r'\s*multipart/byteranges\s*;.*boundary="?([^";]+)"?', ctype, re.I)
    if not m:
        fail(f"Content-Type is '{ctype}', not multipart/byteranges with a boundary")
    boundary = m.group(1).encode()
    wanted = [tuple(int(x) for x in r.split("-")) for r in ranges.split(",")]
    with open(path, "rb") as f:
        size = f.seek(0, 2)
        with open(body_path, "rb") as b:
            body = b.read()
        pos = 0
        delim = b"--" + boundary
        for i, (first, last) in enumerate(wanted):
            start = body.find(delim, pos)
            if start < 0:
                fail(f"part {i + 1}: no boundary")
            head_end = body.find(b"\r\n\r\n", start)
            if head_end < 0:
                fail(f"part {i + 1}: no end of headers")
            headers = body[start + len(delim):head_end].decode("latin-1")
            cr = re.search(r"(?im)^content-range:\s*bytes\s+(\d+)-(\d+)/(\d+)\s*$", headers)
            if not cr or (int(cr.group(1)), int(cr.group(2)), int(cr.group(3))) != (first, last, size):
                fail(f"part {i + 1}: headers {headers.strip()!r}, want Content-Range bytes {first}-{last}/{size}")
            data_start = head_end + 4
            data = body[data_start:data_start + last - first + 1]
            f.seek(first)
            if data != f.read(last - first + 1):
                fail(f"part {i + 1}: bytes differ from the file's {first}-{last}")
            pos = data_start + len(data)
            if not body.startswith(b"\r\n" + delim, pos):
                fail(f"part {i + 1}: body not followed by CRLF and the boundary")
        if not body.startswith(b"\r\n" + delim + b"--", pos):
            fail("no closing boundary after the last part (or more parts than requested)")


main()
