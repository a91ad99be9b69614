// A bucket's page: its objects and their encryption, upload with its properties step, default
// encryption, the bucket policy editor, and deletion (seed lab, steps 2 and 3).
import { html } from "../../shared/index.ts";
import { consolePage } from "./layout.ts";
import { POLICY_CHECK_SCRIPT } from "./policy-check.ts";
import { deletionSection, encryptionSection, objectsSection, policySection, uploadSection, type BucketSectionContext } from "./bucket-sections.ts";

export interface BucketPageOptions extends BucketSectionContext {
  nonce: string;
  who: { arn: string; accountId: string };
  flash?: string;
  /** The continuation token of the objects page shown. */
  token?: string;
}

export function bucketPage(o: BucketPageOptions): string {
  const name = o.detail.name;
  return consolePage({
    nonce: o.nonce,
    title: name,
    area: "s3",
    who: o.who,
    body: html`<p><a href="/console/s3">S3 buckets</a> › <span class="mono">${name}</span></p>
<h1 id="bucket-title">${name}</h1>
${o.flash ? html`<p class="flash" role="status" id="flash">${o.flash}</p>` : ""}
<nav aria-label="Sections of this bucket"><ul class="tabs">
  <li><a href="#objects">Objects</a></li><li><a href="#upload">Upload</a></li><li><a href="#encryption">Default encryption</a></li><li><a href="#policy">Bucket policy</a></li><li><a href="#deletion">Delete</a></li>
</ul></nav>
${objectsSection(o, o.token)}
${uploadSection(o)}
${encryptionSection(o)}
${policySection(o)}
${deletionSection(o)}`,
    script: BUCKET_PAGE_SCRIPT,
  });
}

/** Progressive: the ARN field only matters when "Enter a key ARN" is chosen; the policy is checked as it is typed. */
const BUCKET_PAGE_SCRIPT = `${POLICY_CHECK_SCRIPT}
(function () {
  ["upload", "default"].forEach(function (prefix) {
    var select = document.getElementById(prefix + "-key");
    var arn = document.getElementById(prefix + "-key-arn");
    if (!select || !arn) return;
    var sync = function () { arn.closest(".field").hidden = select.value !== "arn"; };
    select.addEventListener("change", sync);
    sync();
  });
})();`;
