"""A relay in front of the fake server that answers the way Python's http.server does: the
status line and headers in one write, the body in a second, without TCP_NODELAY.

    python3 split_writes_relay.py UPSTREAM_BASE_URL     # prints its own base URL

Each request is passed to UPSTREAM (the fake bunq) over a kept-alive connection and its answer
relayed byte for byte, so bunq's signatures still verify. Against a client that keeps its
connection alive, the second write waits for the ACK of the first (Nagle's algorithm), which a
client delaying its ACKs sends only after its delayed-ACK timer (about 40 ms on Linux):
benches/compare.rs measures what that costs each implementation. Serves until stdin closes.
"""

from __future__ import annotations

import http.client
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop or re-computed headers that are not relayed as they came.
SKIPPED = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def handler_for(upstream: urllib.parse.SplitResult) -> type:
    local = threading.local()

    class Relay(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as bunq's servers
        # StreamRequestHandler's default, spelled out: Nagle's algorithm stays on.
        disable_nagle_algorithm = False

        def relay(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length else b""
            connection = getattr(local, "connection", None)
            if connection is None:
                connection = http.client.HTTPConnection(upstream.hostname, upstream.port)
                local.connection = connection
            headers = {k: v for k, v in self.headers.items() if k.lower() not in SKIPPED}
            connection.request(self.command, self.path, body=body, headers=headers)
            answer = connection.getresponse()
            content = answer.read()
            self.send_response(answer.status, answer.reason)
            for name, value in answer.getheaders():
                if name.lower() not in SKIPPED and name.lower() not in ("server", "date"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()  # first write: status line and headers
            self.wfile.write(content)  # second write: the body

        do_GET = do_POST = do_PUT = do_DELETE = relay

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Relay


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    upstream = urllib.parse.urlsplit(sys.argv[1])
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(upstream))
    server.daemon_threads = True
    print(f"http://localhost:{server.server_address[1]}{upstream.path}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the driver goes away
    return 0


if __name__ == "__main__":
    sys.exit(main())
