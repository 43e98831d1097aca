"""Times `cliauth login` from the moment the browser would deliver the callback to the moment the process has stored
the session and exited: what the person waits for after the provider's last page, minus nothing (the code
redemption at the loopback provider bench/provider.py included, about a millisecond). The "browser" is this script:
it reads the sign-in address cliauth prints (--no-browser), asks the provider's authorization endpoint (which signs
everyone in at once) for its redirect, and then - from here the clock runs - opens the callback address and waits
for cliauth to exit. Writes {"times": [seconds...]} to OUT.

usage: python3 bench/login.py CLIAUTH ISSUER RUNS OUT   (environment: the XDG directories to use)
"""
import http.client
import json
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

cliauth, issuer, runs, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
sign_in = re.compile(r"(" + re.escape(issuer) + r"/auth\?\S+)")
times = []
for i in range(runs + 2):  # two warm-up runs
    process = subprocess.Popen([cliauth, "login", "--profile", "login-bench", "--issuer", issuer, "--client-id", "cli",
                                "--scope", "profile", "--no-browser"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    address = None
    seen = []
    for line in process.stderr:
        seen.append(line)
        match = sign_in.search(line)
        if match:
            address = match.group(1)
        if address and "Waiting for the sign-in" in line:
            break
    if address is None:
        process.kill()
        sys.exit("bench/login.py: cliauth printed no sign-in address:\n" + "".join(seen))
    url = urllib.parse.urlsplit(address)
    connection = http.client.HTTPConnection(url.hostname, url.port)
    connection.request("GET", url.path + "?" + url.query)
    callback = connection.getresponse().getheader("Location")
    connection.close()
    started = time.monotonic()
    urllib.request.urlopen(callback).read()
    process.stderr.read()
    code = process.wait()
    elapsed = time.monotonic() - started
    if code != 0:
        sys.exit("bench/login.py: cliauth login exited with %d" % code)
    if i >= 2:
        times.append(elapsed)
with open(out, "w") as f:
    json.dump({"times": times}, f)
