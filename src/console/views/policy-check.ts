// The policy editors' script part (key policy, bucket policy): tells, as one types, whether the
// text is JSON yet. Progressive: the service checks the policy when it is saved either way.
export const POLICY_CHECK_SCRIPT = `(function () {
  var policy = document.getElementById("policy-text");
  var check = document.getElementById("policy-check");
  if (!policy || !check || policy.tagName !== "TEXTAREA") return;
  var timer;
  policy.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      try { JSON.parse(policy.value); check.textContent = "The JSON is well formed."; }
      catch (e) { check.textContent = "Not valid JSON yet: " + e.message; }
    }, 300);
  });
})();`;
