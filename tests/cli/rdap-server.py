#!/usr/bin/env python3
"""rdap-server.py — a tiny RDAP server on 127.0.0.1 for the tests.

    rdap-server.py PORTFILE LOGFILE

Binds an ephemeral port on the loopback address, writes it to PORTFILE, and
answers GET [/prefix]/domain/NAME:
  fresh-login.top   registered 2026-02-18T03:04:05Z
  fresh-sender.top  registered 2026-02-10T00:00:00Z
  old-bank.com      registered 2005-04-01T00:00:00Z (with a redirect first)
  broken.top        malformed JSON
  slow.top          answers after $RDAP_SLOW seconds (default 4: beyond the test's timeout)
  anything else     404 with an RFC 9083 error object
Every request path is appended to LOGFILE.
"""
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

DOMAINS = {
    "fresh-login.top": "2026-02-18T03:04:05Z",
    "fresh-sender.top": "2026-02-10T00:00:00Z",
    "old-bank.com": "2005-04-01T00:00:00Z",
}


class Handler(BaseHTTPRequestHandler):
    def log_message(self, fmt, *args):
        pass

    def send(self, code, body, ctype="application/rdap+json"):
        data = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def do_GET(self):
        with open(sys.argv[2], "a") as log:
            log.write(self.path + "\n")
        if "/domain/" not in self.path:
            return self.send(400, json.dumps({"errorCode": 400, "title": "Bad Request"}))
        prefix, name = self.path.rsplit("/domain/", 1)
        name = name.lower()
        if name == "old-bank.com" and not prefix.endswith("/moved"):
            self.send_response(302)
            self.send_header("Location", prefix + "/moved/domain/" + name)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if name == "slow.top":
            time.sleep(float(os.environ.get("RDAP_SLOW", "4")))
            return self.send(200, json.dumps({"events": []}))
        if name == "broken.top":
            return self.send(200, '{"objectClassName": "domain", "events": [{"eventAction": ')
        if name in DOMAINS:
            return self.send(200, json.dumps({
                "objectClassName": "domain", "ldhName": name.upper(),
                "events": [
                    {"eventAction": "last changed", "eventDate": "2026-02-19T00:00:00Z"},
                    {"eventAction": "registration", "eventDate": DOMAINS[name]},
                ]}))
        return self.send(404, json.dumps({"errorCode": 404, "title": "Not Found"}))


def main():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    srv.serve_forever()


if __name__ == "__main__":
    main()
