/**
 * Request samples shown on the landing page and in the docs, kept in one place so both show the
 * same contract (CONTRACT.md §1, §4, §6).
 */
export const sendAndVerifySample = `# 1. Send a code by SMS
curl https://otp.example.com/api/v1/otp/send \\
  -H "Authorization: Bearer otpsk_test_…" \\
  -H "Content-Type: application/json" \\
  -d '{"recipient":"+14155550123"}'

# → 201 {"id":"ver_…","status":"pending", …}

# 2. Check the code your user typed
curl https://otp.example.com/api/v1/otp/verify \\
  -H "Authorization: Bearer otpsk_test_…" \\
  -H "Content-Type: application/json" \\
  -d '{"id":"ver_…","code":"123456"}'

# → 200 {"valid":true,"verification":{…}}`;

export const widgetSample = `<script
  src="https://otp.example.com/widget.js"
  data-publishable-key="otppk_live_…"
  async
></script>`;

export const selfHostSample = `npm install
npm run dev
# → embedded database in .data/, outbox as the only channel,
#   console URL and sign-in printed on start

npm run cli -- tenant:create --name "Acme" --json`;
