#!/usr/bin/env python3
"""The case file export benchmark's download client (bench/export-case-file.ts, issue 12 part b).

    python3 bench/download-splice.py URL TOKEN TARGET

Sends `GET URL` (HTTP/1.0, so the body is never chunked: it ends at Content-Length, or at the
server's close when there is none) with `authorization: Bearer TOKEN`, reads the response head, and
moves the body into TARGET with os.splice: socket -> pipe -> file, inside the kernel, so the client
copies each byte once, into the page cache, as `cp` does (cp 9.1 uses copy_file_range: one copy in
the kernel). No byte passes through this process's memory; what the bench measures is the server.

It is honest about what arrived: the status must be 200; the body must have exactly Content-Length
bytes when the server sent one; and the file must end in a complete ZIP (its end of central directory
record, ZIP64 where needed, pointing at a central directory that ends where the record begins).
The bench checks the last round's file with the offline verifier besides. Exits non-zero otherwise.
"""
import fcntl
import os
import socket
import struct
import sys
import time
from urllib.parse import urlsplit

F_SETPIPE_SZ = 1031
F_GETPIPE_SZ = 1032
# The pipe's size and each splice's length: 1 MiB, /proc/sys/fs/pipe-max-size here (root may ask for
# more); BENCH_SPLICE_BYTES overrides it to compare.
CHUNK = int(os.environ.get("BENCH_SPLICE_BYTES", 1 << 20))


def fail(message: str) -> None:
    print(f"download-splice: {message}", file=sys.stderr)
    sys.exit(1)


def read_head(sock: socket.socket) -> tuple[int, dict[str, str], bytes]:
    """Reads the response head; returns its status, headers and the body bytes read with it
    (at most a few KiB: the rest of the body stays in the socket for splice)."""
    buf = b""
    while b"\r\n\r\n" not in buf:
        got = sock.recv(4096)
        if not got:
            fail("the connection closed before the response head ended")
        buf += got
        if len(buf) > 65536:
            fail("response head larger than 64 KiB")
    head, _, rest = buf.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/"):
        fail(f"not an HTTP response: {lines[0]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(parts[1]), headers, rest


def splice_body(sock: socket.socket, fd: int, expected: int | None) -> int:
    r, w = os.pipe()
    try:
        try:
            fcntl.fcntl(w, F_SETPIPE_SZ, CHUNK)
        except OSError:
            pass  # the default 64 KiB pipe works, with more calls
        if os.environ.get("BENCH_SPLICE_REPORT"):
            print(f"download-splice: pipe of {fcntl.fcntl(w, F_GETPIPE_SZ)} bytes, splices of {CHUNK}", file=sys.stderr)
        total = 0
        while expected is None or total < expected:
            want = CHUNK if expected is None else min(CHUNK, expected - total)
            n = os.splice(sock.fileno(), w, want, flags=os.SPLICE_F_MOVE)
            if n == 0:
                break
            left = n
            while left:
                left -= os.splice(r, fd, left, flags=os.SPLICE_F_MOVE)
            total += n
        return total
    finally:
        os.close(r)
        os.close(w)


def check_zip_end(fd: int, size: int) -> None:
    """The file ends with a ZIP's end records, and its central directory ends where they begin."""
    if size < 22:
        fail(f"{size} bytes is no ZIP")
    tail = os.pread(fd, min(size, 22 + 65535), max(0, size - 22 - 65535))
    at = tail.rfind(b"PK\x05\x06")
    if at < 0:
        fail("no end of central directory record: the ZIP is incomplete")
    eocd = size - len(tail) + at
    _, _, _, _, count, cd_size, cd_start, comment = struct.unpack("<IHHHHIIH", tail[at : at + 22])
    if eocd + 22 + comment != size:
        fail("bytes after the end of central directory record")
    records_start = eocd
    if cd_start == 0xFFFFFFFF or cd_size == 0xFFFFFFFF or count == 0xFFFF:
        locator = os.pread(fd, 20, eocd - 20)
        if locator[:4] != b"PK\x06\x07":
            fail("ZIP64 end of central directory locator missing")
        (zip64_end,) = struct.unpack("<Q", locator[8:16])
        rec = os.pread(fd, 56, zip64_end)
        if rec[:4] != b"PK\x06\x06":
            fail("ZIP64 end of central directory record missing")
        cd_size, cd_start = struct.unpack("<QQ", rec[40:56])
        records_start = zip64_end
    if cd_start + cd_size != records_start:
        fail(f"the central directory ({cd_start} + {cd_size}) does not end at its end record ({records_start})")
    if os.pread(fd, 4, cd_start) != b"PK\x01\x02" and cd_size > 0:
        fail("no central directory where the end record points")


def main() -> None:
    if len(sys.argv) != 4:
        fail("usage: download-splice.py URL TOKEN TARGET")
    url, token, target = sys.argv[1:]
    u = urlsplit(url)
    if u.scheme != "http":
        fail("http:// URLs only (the bench runs on loopback)")
    path = (u.path or "/") + (f"?{u.query}" if u.query else "")
    started = time.monotonic()
    sock = socket.create_connection((u.hostname, u.port or 80))
    sock.sendall(f"GET {path} HTTP/1.0\r\nHost: {u.netloc}\r\nAuthorization: Bearer {token}\r\nAccept: application/zip\r\n\r\n".encode("latin-1"))
    status, headers, first = read_head(sock)
    head_at = time.monotonic() - started
    if status != 200:
        fail(f"the export answered {status}")
    if "chunked" in headers.get("transfer-encoding", "").lower():
        fail("chunked body in answer to HTTP/1.0")
    expected = int(headers["content-length"]) if "content-length" in headers else None
    fd = os.open(target, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        os.write(fd, first)
        total = len(first) + splice_body(sock, fd, None if expected is None else expected - len(first))
        body_seconds = time.monotonic() - started
        if expected is not None and total != expected:
            fail(f"body of {total} bytes, Content-Length said {expected}")
        check_zip_end(fd, total)
    finally:
        os.close(fd)
        sock.close()
    # The bench reads: bytes, how the body ended, seconds to the response head, seconds to the end.
    print(f"{total} {'content-length' if expected is not None else 'close-delimited'} {head_at:.4f} {body_seconds:.4f}")


if __name__ == "__main__":
    main()
