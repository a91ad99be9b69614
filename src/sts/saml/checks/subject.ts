// The assertion's Subject holds a NameID with a value (AWS: without one, "Not authorized to perform
// sts:AssumeRoleWithSAML"). The NameID's Format becomes SubjectType / SAML:sub_type: the part after
// urn:oasis:names:tc:SAML:2.0:nameid-format: ("persistent", "transient"), any other URI whole.
import { attributeOf, textOf, type Element } from "../../../xml/index.ts";
import { NOT_AUTHORIZED, StsSamlError } from "../errors.ts";
import { NAMEID_FORMAT_PREFIX, NAMEID_UNSPECIFIED } from "../constants.ts";
import { samlChildren } from "../saml-xml.ts";

export interface SubjectName {
  subject: string;
  subjectType: string;
}

export function checkSubject(assertion: Element): SubjectName {
  const subjects = samlChildren(assertion, "Subject");
  const nameIds = subjects.length === 1 ? samlChildren(subjects[0]!, "NameID") : [];
  // All the text (textContent skips comments), so a comment can neither cut the value short nor hide part of it.
  const subject = nameIds.length === 1 ? textOf(nameIds[0]!) : "";
  if (subject.trim() === "") throw new StsSamlError("AccessDenied", NOT_AUTHORIZED, "name-id");
  const format = attributeOf(nameIds[0]!, "Format") ?? NAMEID_UNSPECIFIED;
  const subjectType = format.startsWith(NAMEID_FORMAT_PREFIX) ? format.slice(NAMEID_FORMAT_PREFIX.length) : format;
  return { subject, subjectType };
}
