#!/usr/bin/python3
"""python3-saml (OneLogin) as an independent, strict SAML SP for federa's tests.

Reads one JSON object on stdin, prints one JSON object on stdout. Actions:
  validate_response  OneLogin_Saml2_Response(...).is_valid(...) with strict=True and
                     wantAssertionsSigned / wantMessagesSigned true; prints validity and the reason.
  parse_metadata     OneLogin_Saml2_IdPMetadataParser.parse(xml) for both SSO bindings.
  build_authn_request  OneLogin_Saml2_Auth.login() for the HTTP-Redirect binding, signed when
                     sp_key is given; prints the redirect URL and the request's ID.
  build_post_authn_request  an OneLogin_Saml2_Authn_Request for the HTTP-POST binding, with an
                     enveloped XML signature (OneLogin_Saml2_Utils.add_sign) when sp_key is given.
  validate_schema    python3-saml's bundled XSD validation (protocol or metadata schema).
  exc_c14n           lxml's (libxml2's) Exclusive XML Canonicalization of the document element.
Run with /usr/bin/python3 (Debian's python3-onelogin-saml2).
"""
import json
import sys
from urllib.parse import urlparse

from onelogin.saml2.auth import OneLogin_Saml2_Auth
from onelogin.saml2.authn_request import OneLogin_Saml2_Authn_Request
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser
from onelogin.saml2.response import OneLogin_Saml2_Response
from onelogin.saml2.settings import OneLogin_Saml2_Settings
from onelogin.saml2.utils import OneLogin_Saml2_Utils


def request_data_for(url):
    parsed = urlparse(url)
    https = parsed.scheme == "https"
    return {
        "https": "on" if https else "off",
        "http_host": parsed.hostname,
        "server_port": str(parsed.port or (443 if https else 80)),
        "script_name": parsed.path,
        "get_data": {},
        "post_data": {},
    }


def settings_for(args):
    security = {
        "wantAssertionsSigned": True,
        "wantMessagesSigned": args.get("want_messages_signed", True),
        "wantNameId": True,
        "wantAttributeStatement": True,
        "rejectDeprecatedAlgorithm": True,
        "authnRequestsSigned": bool(args.get("sp_key")),
        "signatureAlgorithm": args.get("sign_algorithm", OneLogin_Saml2_Constants.RSA_SHA256),
        "digestAlgorithm": OneLogin_Saml2_Constants.SHA256,
    }
    sp = {
        "entityId": args["sp_entity_id"],
        "assertionConsumerService": {"url": args["acs_url"], "binding": OneLogin_Saml2_Constants.BINDING_HTTP_POST},
        "NameIDFormat": OneLogin_Saml2_Constants.NAMEID_PERSISTENT,
    }
    if args.get("sp_key"):
        sp["privateKey"] = args["sp_key"]
        sp["x509cert"] = args["sp_cert"]
    idp = {
        "entityId": args["idp_entity_id"],
        "singleSignOnService": {"url": args.get("idp_sso_url", "https://idp.example.test/idp/sso"), "binding": OneLogin_Saml2_Constants.BINDING_HTTP_REDIRECT},
        "x509cert": args["idp_cert"],
    }
    return OneLogin_Saml2_Settings({"strict": True, "debug": False, "sp": sp, "idp": idp, "security": security})


def validate_response(args):
    settings = settings_for(args)
    response = OneLogin_Saml2_Response(settings, args["response_b64"])
    valid = response.is_valid(request_data_for(args["acs_url"]), args.get("request_id"))
    out = {"valid": bool(valid), "error": response.get_error()}
    if valid:
        out.update({
            "nameid": response.get_nameid(),
            "nameid_format": response.get_nameid_format(),
            "attributes": response.get_attributes(),
            "session_index": response.get_session_index(),
            "issuers": response.get_issuers(),
            "audiences": response.get_audiences(),
        })
    return out


def parse_metadata(args):
    redirect = OneLogin_Saml2_IdPMetadataParser.parse(args["xml"], required_sso_binding=OneLogin_Saml2_Constants.BINDING_HTTP_REDIRECT)
    post = OneLogin_Saml2_IdPMetadataParser.parse(args["xml"], required_sso_binding=OneLogin_Saml2_Constants.BINDING_HTTP_POST)
    return {"redirect": redirect, "post": post}


def build_authn_request(args):
    settings = settings_for(args)
    auth = OneLogin_Saml2_Auth(request_data_for(args["acs_url"]), settings)
    url = auth.login(return_to=args.get("relay_state"), force_authn=args.get("force_authn", False), is_passive=args.get("is_passive", False))
    return {"url": url, "id": auth.get_last_request_id(), "xml": auth.get_last_request_xml()}


def build_post_authn_request(args):
    settings = settings_for(args)
    request = OneLogin_Saml2_Authn_Request(settings)
    xml = request.get_xml()
    if args.get("sp_key"):
        xml = OneLogin_Saml2_Utils.add_sign(xml, args["sp_key"], args["sp_cert"], sign_algorithm=OneLogin_Saml2_Constants.RSA_SHA256, digest_algorithm=OneLogin_Saml2_Constants.SHA256)
    if isinstance(xml, bytes):
        xml = xml.decode("utf-8")
    return {"xml": xml, "id": request.get_id()}


def exc_c14n(args):
    from lxml import etree
    root = etree.fromstring(args["xml"].encode("utf-8"), etree.XMLParser(resolve_entities=False, no_network=True))
    return {"c14n": etree.tostring(root, method="c14n", exclusive=True, with_comments=False).decode("utf-8")}


def validate_schema(args):
    from lxml import etree
    from onelogin.saml2.xml_utils import OneLogin_Saml2_XML
    from os.path import dirname, join
    import onelogin.saml2 as package
    with open(join(dirname(package.__file__), "schemas", args["schema"])) as f:
        schema = etree.XMLSchema(etree.parse(f))
    doc = OneLogin_Saml2_XML.to_etree(args["xml"])
    valid = schema.validate(doc)
    return {"valid": bool(valid), "errors": [e.message for e in schema.error_log]}


ACTIONS = {"validate_schema": validate_schema, "exc_c14n": exc_c14n, "build_post_authn_request": build_post_authn_request, "validate_response": validate_response, "parse_metadata": parse_metadata, "build_authn_request": build_authn_request}

if __name__ == "__main__":
    request = json.load(sys.stdin)
    try:
        result = ACTIONS[request["action"]](request)
    except Exception as error:  # reported, not raised: the test asserts on it
        result = {"exception": type(error).__name__, "message": str(error)}
    json.dump(result, sys.stdout, default=str)
