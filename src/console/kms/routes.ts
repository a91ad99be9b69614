// The console's KMS routes: the key lists, opening a key by alias, ID or ARN, a key's page and its
// forms, and the create-key wizard. Every KMS call runs as the signed-in caller (calls/kms-call.ts).
import type { Request, Response, Router } from "express";
import type { DescribeKeyResponse } from "@aws-sdk/client-kms";
import { html } from "../../shared/index.ts";
import { field, newNonce, sendPage } from "../../idp/index.ts";
import type { ConsoleContext } from "../context.ts";
import { queryParam, signedIn, whoOf, type Guards, type SignedIn } from "../signed-in.ts";
import { callKms } from "../calls/kms-call.ts";
import type { Problem } from "../calls/problem.ts";
import { consolePage } from "../views/layout.ts";
import { problemView } from "../views/problem.ts";
import { keysPage } from "../views/keys-list.ts";
import { keyPage, type Drafts, type Section } from "../views/key-page.ts";
import { wizardPage, type AccountPrincipal } from "../views/wizard.ts";
import { seg } from "../views/format.ts";
import { loadKeyList } from "./list.ts";
import { loadKeyDetail } from "./key-detail.ts";
import { DONE, KEY_ACTIONS } from "./key-actions.ts";
import { initialWizard, LAST_STEP, readWizard, type StepErrors, type WizardState } from "./wizard-state.ts";
import { accountPrincipals, checkUpTo, createFromWizard, policyOf } from "./wizard.ts";

const KEY_ID = /^[A-Za-z0-9-]{1,128}$/;
const KEY_ARN = /^arn:aws:kms:[a-z0-9-]+:\d{12}:key\/([A-Za-z0-9-]{1,128})$/;

const keyPath = (keyId: string) => `/console/kms/keys/${seg(keyId)}`;

export function registerKmsRoutes(router: Router, ctx: ConsoleContext, guards: Guards): void {
  router.get("/console/kms", ...guards.get, async (_req, res) => {
    const who = signedIn(res);
    const nonce = newNonce();
    const list = await loadKeyList(ctx, who);
    sendPage(res, 200, keysPage({ nonce, who: whoOf(who), region: ctx.region, list }), nonce);
  });

  router.get("/console/kms/open", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const value = (queryParam(req, "key") ?? "").trim();
    const direct = KEY_ARN.exec(value)?.[1] ?? (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value) ? value : undefined);
    if (direct) return res.redirect(303, keyPath(direct));
    let problem: Problem | undefined;
    if (value !== "" && value.length <= 2048) {
      const name = value.startsWith("alias/") || value.startsWith("arn:") ? value : `alias/${value}`;
      const described = await callKms<DescribeKeyResponse>(ctx, who, "DescribeKey", { KeyId: name });
      if (described.ok && described.output.KeyMetadata?.KeyId) return res.redirect(303, keyPath(described.output.KeyMetadata.KeyId));
      if (!described.ok) problem = described.problem;
    }
    const nonce = newNonce();
    const list = await loadKeyList(ctx, who);
    const error = problem ? html`${problem.summary} <span class="note">${problem.code}: ${problem.message}</span>` : "Enter an alias (alias/…), a key ID or a key ARN.";
    sendPage(res, 400, keysPage({ nonce, who: whoOf(who), region: ctx.region, list, open: { value, error } }), nonce);
  });

  router.get("/console/kms/keys/:keyId", ...guards.get, async (req, res) => {
    const who = signedIn(res);
    const keyId = keyIdOf(req);
    if (!keyId) return notFound(res, who);
    const done = queryParam(req, "done");
    await renderKey(ctx, res, who, keyId, 200, { ...(done && DONE[done] ? { flash: DONE[done] } : {}) });
  });

  for (const [name, action] of Object.entries(KEY_ACTIONS)) {
    router.post(`/console/kms/keys/:keyId/${name}`, ...guards.post, async (req, res) => {
      const who = signedIn(res);
      const keyId = keyIdOf(req);
      if (!keyId) return notFound(res, who);
      const result = await action(ctx, who, keyId, req.body);
      if (result.ok) return res.redirect(303, `${keyPath(keyId)}?done=${result.done}#${result.section}`);
      await renderKey(ctx, res, who, keyId, result.problem?.status ?? 400, {
        ...(result.problem ? { problems: { [result.section]: result.problem } } : {}),
        ...(result.errors ? { errors: result.errors } : {}),
        ...(result.drafts ? { drafts: result.drafts } : {}),
      });
    });
  }

  router.get("/console/kms/create", ...guards.get, async (_req, res) => {
    const who = signedIn(res);
    renderWizard(res, who, await accountPrincipals(ctx, who.caller.accountId), 1, initialWizard(), 200);
  });

  router.post("/console/kms/create", ...guards.post, async (req, res) => {
    const who = signedIn(res);
    const { state, from } = readWizard(req.body);
    const go = field(req.body, "go") ?? "";
    const principals = await accountPrincipals(ctx, who.caller.accountId);
    if (go === "create") {
      const refused = await checkUpTo(ctx, who, state, from, LAST_STEP + 1, principals);
      if (refused) return renderWizard(res, who, principals, refused.step, state, 400, { errors: refused.errors });
      const created = await createFromWizard(ctx, who, state);
      if (!created.ok) return renderWizard(res, who, principals, created.step, state, created.problem.status, { problem: created.problem });
      if (created.aliasProblem) {
        return renderKey(ctx, res, who, created.keyId, 200, { flash: DONE["created"]!, problems: { aliases: created.aliasProblem }, drafts: { alias: `alias/${state.alias}` } });
      }
      return res.redirect(303, `${keyPath(created.keyId)}?done=created`);
    }
    const target = Math.min(Math.max(Number.parseInt(go, 10) || from, 1), LAST_STEP);
    if (target > from) {
      const refused = await checkUpTo(ctx, who, state, from, target, principals);
      if (refused) return renderWizard(res, who, principals, refused.step, state, 400, { errors: refused.errors });
    }
    renderWizard(res, who, principals, target, state, 200);
  });
}

function keyIdOf(req: Request): string | undefined {
  const id = req.params["keyId"];
  return typeof id === "string" && KEY_ID.test(id) ? id : undefined;
}

function notFound(res: Response, who: SignedIn): void {
  const nonce = newNonce();
  const body = html`<h1>Key not found</h1><p>That is not a key ID. <a href="/console/kms">Back to the keys</a>.</p>`;
  sendPage(res, 404, consolePage({ nonce, title: "Key not found", area: "kms", who: whoOf(who), body }), nonce);
}

interface KeyRender {
  flash?: string;
  problems?: Partial<Record<Section, Problem>>;
  errors?: Partial<Record<string, string>>;
  drafts?: Drafts;
}

async function renderKey(ctx: ConsoleContext, res: Response, who: SignedIn, keyId: string, status: number, o: KeyRender): Promise<void> {
  const nonce = newNonce();
  const loaded = await loadKeyDetail(ctx, who, keyId);
  if (!loaded.ok) {
    const body = html`<p><a href="/console/kms">KMS keys</a> › <span class="mono">${keyId}</span></p>
<h1>Key ${keyId}</h1>
${problemView(loaded.problem, { id: "key-problem" })}`;
    return sendPage(res, loaded.problem.status, consolePage({ nonce, title: "Key", area: "kms", who: whoOf(who), body }), nonce);
  }
  sendPage(res, status, keyPage({ nonce, who: whoOf(who), csrf: who.csrf, now: ctx.clock.now(), detail: loaded.detail, ...o }), nonce);
}

function renderWizard(
  res: Response,
  who: SignedIn,
  principals: AccountPrincipal[],
  step: number,
  state: WizardState,
  status: number,
  o: { errors?: StepErrors; problem?: Problem } = {},
): void {
  const nonce = newNonce();
  const page = wizardPage({ nonce, who: whoOf(who), csrf: who.csrf, step, state, principals, policy: policyOf(state, who.caller.accountId), ...o });
  sendPage(res, status, page, nonce);
}
