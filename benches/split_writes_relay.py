"""A relay in front of the fake server that answers the way Python's http.server does: the
status line and headers in one write, the body in a second, without TCP_NODELAY.

    python3 split_writes_relay.py UPSTREAM_BASE_URL [--one-write] [--tls CERT KEY]

Prints its own base URL. Each request is passed to UPSTREAM (the fake bunq) over a kept-alive
connection and its answer relayed byte for byte, so bunq's signatures still verify. Against a
client that keeps its connection alive, the second write waits for the ACK of the first
(Nagle's algorithm), which a client delaying its ACKs sends only after its delayed-ACK timer
(about 40 ms on Linux): benches/compare.rs measures what that costs each implementation.

--one-write answers as a well-behaved server does instead (the whole answer in one write,
TCP_NODELAY): the same relay hop without the stall, to compare with. --tls serves HTTPS with
the certificate chain CERT and key KEY (PEM files); the two writes are then two TLS records,
sent separately as well. Serves until stdin closes.
"""

from __future__ import annotations

import argparse
import http.client
import ssl
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# Hop-by-hop or re-computed headers that are not relayed as they came.
SKIPPED = {"connection", "keep-alive", "transfer-encoding", "content-length"}


def handler_for(upstream: urllib.parse.SplitResult, one_write: bool) -> type:
    local = threading.local()

    class Relay(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as bunq's servers
        # StreamRequestHandler's default is False (Nagle's algorithm on): kept for split writes.
        disable_nagle_algorithm = one_write

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
            head = [f"HTTP/1.1 {answer.status} {answer.reason}"]
            for name, value in answer.getheaders():
                if name.lower() not in SKIPPED and name.lower() not in ("server", "date"):
                    head.append(f"{name}: {value}")
            head.append(f"Content-Length: {len(content)}")
            head_bytes = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
            if one_write:
                self.wfile.write(head_bytes + content)
            else:
                self.wfile.write(head_bytes)  # first write: status line and headers
                self.wfile.write(content)  # second write: the body

        do_GET = do_POST = do_PUT = do_DELETE = relay

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Relay


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("upstream", help="the fake's base URL")
    parser.add_argument("--one-write", action="store_true", help="answer in one write")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS")
    arguments = parser.parse_args()
    upstream = urllib.parse.urlsplit(arguments.upstream)
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler_for(upstream, arguments.one_write))
    server.daemon_threads = True
    scheme = "http"
    if arguments.tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*arguments.tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        scheme = "https"
    print(f"{scheme}://localhost:{server.server_address[1]}{upstream.path}", flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # until the driver goes away
    return 0


if __name__ == "__main__":
    sys.exit(main())
