"""An independent AD CS Web Enrollment client for the interoperability test.

Python `requests` + `requests_ntlm` (Debian packages), parsing the pages with the same regular
expressions the public certsrv clients apply to real AD CS (magnuswatn/certsrv certsrv.py and
nokia/adcs-issuer adcs/ntlm_certsrv.go; restated here, not copied). It shares nothing with the
station or the sim.

Input: one JSON object on stdin (url, ca_bundle, user, password, csr, denied_template,
approval_state_hint). Secrets never go on the command line. Output: one JSON object of findings.
"""
import json
import re
import sys

# ntlm_auth computes MD4 with hashlib, which OpenSSL 3 offers once the legacy provider is loaded;
# python3-cryptography loads it when its backend starts.
from cryptography.hazmat.backends import default_backend

default_backend()

import requests  # noqa: E402
from requests_ntlm import HttpNtlmAuth  # noqa: E402

ISSUED_ID = re.compile(r"certnew.cer\?ReqID=(\d+)&")
PENDING_ID = re.compile(r"Your Request Id is (\d+).")
DENIED_MESSAGE = re.compile(r'The disposition message is "([^"]+)')
FETCH_MESSAGE = re.compile(r"Disposition message:[^\t]+\t\t([^\r\n]+)")
FETCH_LAST_STATUS = re.compile(r"LastStatus:[^\t]+\t\t([^\r\n]+)")
RENEWALS = re.compile(r"var nRenewals=(\d+);")


def main():
    cfg = json.load(sys.stdin)
    base = cfg["url"].rstrip("/")
    out = {}

    def session(user, password):
        s = requests.Session()
        # REQUESTS_CA_BUNDLE from the environment would override session.verify: trust only the
        # sim's CA bundle, and no proxy settings either
        s.trust_env = False
        s.verify = cfg["ca_bundle"]
        s.auth = HttpNtlmAuth(user, password)
        # certsrv sniffs the browser; the public clients send a Mozilla User-Agent
        s.headers = {"User-agent": "Mozilla/5.0 interop-test"}
        return s

    s = session(cfg["user"], cfg["password"])

    # credentials check: 200 with, 401 "Unauthorized" without
    out["home_status"] = s.get(base + "/", timeout=30).status_code
    bad = session(cfg["user"], "not-the-password").get(base + "/", timeout=30)
    out["bad_password_status"] = bad.status_code
    out["bad_password_reason"] = bad.reason

    def submit(csr, template):
        return s.post(
            base + "/certfnsh.asp",
            data={
                "Mode": "newreq",
                "CertRequest": csr,
                "CertAttrib": "CertificateTemplate:{}\r\n".format(template),
                "FriendlyType": "Saved-Request Certificate",
                "TargetStoreFlags": "0",
                "SaveCert": "yes",
            },
            timeout=60,
        )

    def fetch(req_id, enc):
        return s.get(base + "/certnew.cer", params={"ReqID": req_id, "Enc": enc}, timeout=30)

    # issue, then download as PEM and as DER; nokia/adcs-issuer spells the key ENC
    r = submit(cfg["csr"], cfg["template"])
    m = ISSUED_ID.search(r.text)
    out["issued_id"] = int(m.group(1)) if m else None
    if m:
        pem = fetch(m.group(1), "b64")
        out["pem_content_type"] = pem.headers.get("Content-Type")
        out["pem"] = pem.text
        der = fetch(m.group(1), "bin")
        out["der_first_byte"] = der.content[0] if der.content else None
        upper = s.get(base + "/certnew.cer?ReqID={}&ENC=b64".format(m.group(1)), timeout=30)
        out["upper_enc_is_pem"] = upper.text.startswith("-----BEGIN CERTIFICATE-----")

    # a template the CA does not offer: the reason from the denied sentence
    r = submit(cfg["csr"], cfg["denied_template"])
    m = DENIED_MESSAGE.search(r.text)
    out["denied_message"] = m.group(1) if m else None

    # magnuswatn/certsrv's own test: "NotACsr" is denied with "Error Parsing Request"
    r = submit("NotACsr", cfg["template"])
    m = DENIED_MESSAGE.search(r.text)
    out["parse_error_message"] = m.group(1) if m else None

    # a template that needs approval: pending id, then the certnew.cer error page fields
    r = submit(cfg["csr"], cfg["approval_template"])
    m = PENDING_ID.search(r.text)
    out["pending_id"] = int(m.group(1)) if m else None
    out["pending_title"] = "Certificate Pending" in r.text
    if m:
        page = fetch(m.group(1), "b64")
        out["pending_content_type"] = page.headers.get("Content-Type")
        dm = FETCH_MESSAGE.search(page.text)
        ls = FETCH_LAST_STATUS.search(page.text)
        out["pending_disposition_message"] = dm.group(1) if dm else None
        out["pending_last_status"] = ls.group(1) if ls else None
        out["pending_is_taken_under_submission"] = bool(re.search(r"Taken Under Submission", page.text))

    # a request that does not exist (magnuswatn's test uses -1)
    missing = fetch(-1, "b64")
    out["missing_content_type"] = missing.headers.get("Content-Type")
    out["missing_last_status"] = (FETCH_LAST_STATUS.search(missing.text) or [None, None])[1]

    # newest CA certificate and chain by nRenewals
    carc = s.get(base + "/certcarc.asp", timeout=30)
    n = RENEWALS.search(carc.text)
    out["renewals"] = int(n.group(1)) if n else None
    if n:
        ca = s.get(base + "/certnew.cer", params={"ReqID": "CACert", "Enc": "b64", "Renewal": n.group(1)}, timeout=30)
        out["ca_content_type"] = ca.headers.get("Content-Type")
        out["ca_pem"] = ca.text
        chain = s.get(base + "/certnew.p7b", params={"ReqID": "CACert", "Renewal": n.group(1), "Enc": "b64"}, timeout=30)
        out["chain_content_type"] = chain.headers.get("Content-Type")
        out["chain_is_pem"] = "-----BEGIN CERTIFICATE-----" in chain.text

    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
