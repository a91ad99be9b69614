#!/usr/bin/python3
"""Signs in the way AD FS tools do (saml2aws, aws-adfs and the AWS blog's script): GET the sign-on
page, fill every input whose name contains "user" or "pass", keep the others, post the form to its
action, and read SAMLResponse out of the answer. Prints JSON: status and the decoded response."""
import base64
import json
import sys
from urllib.parse import urljoin

import requests
from bs4 import BeautifulSoup

url, username, password = sys.argv[1], sys.argv[2], sys.argv[3]
session = requests.Session()
page = session.get(url, timeout=10)
soup = BeautifulSoup(page.text, "html.parser")
form = soup.find("form")
payload = {}
for field in form.find_all("input"):
    name = field.get("name", "")
    value = field.get("value", "")
    if "user" in name.lower():
        payload[name] = username
    elif "email" in name.lower():
        payload[name] = username
    elif "pass" in name.lower():
        payload[name] = password
    else:
        payload[name] = value
action = urljoin(page.url, form.get("action") or page.url)
answer = session.post(action, data=payload, timeout=10)
soup = BeautifulSoup(answer.text, "html.parser")
saml = None
for field in soup.find_all("input"):
    if field.get("name") == "SAMLResponse":
        saml = base64.b64decode(field.get("value")).decode("utf-8")
print(json.dumps({"status": answer.status_code, "saml": saml, "action": action}))
