#!/usr/bin/python3
"""A strict SAML SP built with python3-saml (OneLogin), for interoperability tests.

Reads a JSON command on stdin:
  {"op": "login", "settings": {...}, "relay_state": "..."}       -> {"url": ..., "request_id": ...}
  {"op": "login_post", "settings": {...}}                         -> {"saml_request": ..., "request_id": ...}
  {"op": "validate", "settings": {...}, "saml_response": "<base64>", "request_id": "...", "acs": "..."}
                                                                  -> {"valid": bool, "error": ..., "attributes": ..., "name_id": ...}
`settings` is python3-saml's settings dictionary; strict mode is always on.
"""
import json
import sys
from urllib.parse import urlparse

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils


def request_data(url, post=None):
    parts = urlparse(url)
    return {
        "https": "on" if parts.scheme == "https" else "off",
        "http_host": parts.hostname,
        "server_port": str(parts.port or (443 if parts.scheme == "https" else 80)),
        "script_name": parts.path,
        "get_data": {},
        "post_data": post or {},
    }


def main():
    command = json.load(sys.stdin)
    settings = dict(command["settings"])
    settings["strict"] = True
    op = command["op"]
    if op == "login":
        auth = OneLogin_Saml2_Auth(request_data(settings["sp"]["assertionConsumerService"]["url"]), settings)
        url = auth.login(return_to=command.get("relay_state"), force_authn=bool(command.get("force_authn")), is_passive=bool(command.get("is_passive")))
        print(json.dumps({"url": url, "request_id": auth.get_last_request_id()}))
    elif op == "login_post":
        saml_settings = OneLogin_Saml2_Settings(settings)
        request = OneLogin_Saml2_Authn_Request(saml_settings)
        print(json.dumps({"saml_request": request.get_request(deflate=False), "request_id": request.get_id()}))
    elif op == "validate":
        saml_settings = OneLogin_Saml2_Settings(settings)
        response = OneLogin_Saml2_Response(saml_settings, command["saml_response"])
        data = request_data(command["acs"], {"SAMLResponse": command["saml_response"]})
        try:
            valid = response.is_valid(data, command.get("request_id"), raise_exceptions=True)
            error = None
        except Exception as exc:  # the reason is what the test wants to see
            valid = False
            error = str(exc)
        out = {"valid": bool(valid), "error": error}
        if valid:
            out["attributes"] = response.get_attributes()
            out["name_id"] = response.get_nameid()
            out["in_response_to"] = response.document.get("InResponseTo")
        print(json.dumps(out))
    else:
        raise SystemExit("unknown op " + op)


main()
