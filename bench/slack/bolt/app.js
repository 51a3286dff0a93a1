// A bare Bolt app that acks /access ephemerally: the baseline for bench/slack/run.sh. usage: node app.js <port> <signing-secret>
const { App, LogLevel } = require('@slack/bolt');

const [port, signingSecret] = [Number(process.argv[2] || 3000), process.argv[3] || process.env.SLACK_SIGNING_SECRET];
if (!signingSecret) {
  console.error('usage: node app.js <port> <signing-secret>');
  process.exit(2);
}

// botId and botUserId given with tokenVerificationEnabled: false, so Bolt never calls auth.test: it runs offline.
const app = new App({
  signingSecret,
  token: 'xoxb-bench-dummy',
  botId: 'B0TEST',
  botUserId: 'U0BOT',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.WARN,
});

app.command('/access', async ({ ack }) => {
  await ack({ response_type: 'ephemeral', text: 'ok' });
});

(async () => {
  await app.start(port);
  console.log(`bolt listening on ${port}`);
})();
