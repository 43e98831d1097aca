"""A loopback provider for bench/run: answers every refresh_token grant with a fresh access token (one hour) and a
rotated refresh token, and counts the refreshes. Serves discovery too (for oidc-agent and cliauth login), and an
authorization endpoint that signs everyone in at once (a 302 back to the redirect_uri with a code, the state and
iss), whose codes the token endpoint redeems: bench/login.py times cliauth login against it. Loopback only; no
logging.

usage: python3 bench/provider.py PORT_FILE COUNT_FILE
"""
import json
import sys
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port_file, count_file = sys.argv[1], sys.argv[2]
lock = threading.Lock()
refreshes = 0


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        issuer = "http://127.0.0.1:%d" % self.server.server_port
        url = urllib.parse.urlsplit(self.path)
        if url.path == "/auth":
            query = urllib.parse.parse_qs(url.query)
            location = query["redirect_uri"][0] + "?" + urllib.parse.urlencode(
                {"code": "code-%d" % time.time_ns(), "state": query["state"][0], "iss": issuer})
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/.well-known/openid-configuration":
            self.reply(200, {"issuer": issuer, "token_endpoint": issuer + "/token", "authorization_endpoint": issuer + "/auth",
                             "jwks_uri": issuer + "/jwks", "response_types_supported": ["code"], "subject_types_supported": ["public"],
                             "id_token_signing_alg_values_supported": ["RS256"], "grant_types_supported": ["authorization_code", "refresh_token"],
                             "code_challenge_methods_supported": ["S256"], "authorization_response_iss_parameter_supported": True,
                             "scopes_supported": ["openid"]})
        else:
            self.reply(404, {"error": "not_found"})

    def do_POST(self):
        global refreshes
        length = int(self.headers.get("Content-Length") or 0)
        form = urllib.parse.parse_qs(self.rfile.read(length).decode())
        if self.path == "/token" and form.get("grant_type") == ["authorization_code"]:
            self.reply(200, {"access_token": "at-login-%d" % time.time_ns(), "token_type": "Bearer", "expires_in": 3600,
                             "refresh_token": "rt-login", "scope": "profile"})
            return
        if self.path != "/token" or form.get("grant_type") != ["refresh_token"]:
            self.reply(400, {"error": "unsupported_grant_type"})
            return
        counted = form.get("refresh_token") != ["uncounted"]  # bench/run's curl row measures the round trip alone
        with lock:
            refreshes += counted
            n = refreshes
            with open(count_file, "w") as f:
                f.write(str(n))
        self.reply(200, {"access_token": "at-refreshed-%d-%d" % (n, time.time_ns()), "token_type": "Bearer", "expires_in": 3600,
                         "refresh_token": "rt-%d" % n, "scope": "openid"})


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
with open(port_file + ".tmp", "w") as f:
    f.write(str(server.server_port))
import os
os.rename(port_file + ".tmp", port_file)
server.serve_forever()
