// A bare Bolt app that acks /access ephemerally: the baseline for bench/slack/run.sh. usage: node app.js <port> <signing-secret> <bot-token>
const { App, LogLevel } = require('@slack/bolt');

const [port, signingSecret, token] = [Number(process.argv[2] || 3000), process.argv[3] || process.env.SLACK_SIGNING_SECRET, process.argv[4] || process.env.SLACK_BOT_TOKEN];
if (!signingSecret || !token) {
  console.error('usage: node app.js <port> <signing-secret> <bot-token>');
  process.exit(2);
}

// botId and botUserId given with tokenVerificationEnabled: false, so Bolt never calls auth.test: it runs offline.
const app = new App({
  signingSecret,
  token,
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
