// ChatOpsJit dev console: plays a whole chat workspace for the sandbox.
// Every string that comes from the host is untrusted user text: it is only ever written with
// textContent (through el()), never parsed as HTML.
(() => {
  "use strict";

  const API = {
    users: "/console/api/users",
    commands: "/console/api/commands",
    actions: "/console/api/actions",
    transcript: "/console/api/transcript",
    events: "/console/api/events",
    sessions: "/console/api/sessions",
  };

  const STORE = {
    user: "chatopsjit.console.user",
    conversation: "chatopsjit.console.conversation",
    hintDismissed: "chatopsjit.console.hintDismissed",
    history: "chatopsjit.console.history",
  };

  const BOT_NAME = "ChatOpsJit";
  const MAX_HISTORY = 30;

  // ---------- state ----------

  const state = {
    users: [],
    user: "",                 // the selected user's email
    transcript: null,         // the last transcript fetched
    conversation: "",         // the selected conversation id
    seen: new Map(),          // conversation id -> Map(seq -> revision) the person has seen
    baselined: false,         // the first transcript counts as already seen
    ephemerals: [],           // {id, user, conversation, afterSeq, command, card}
    notices: [],              // {id, user, conversation, seq, ok, text}
    history: loadHistory(),
    historyIndex: -1,
    fetching: null,           // the transcript fetch in flight
    refetch: false,           // another change arrived during the fetch
    nextLocalId: 1,
  };

  const nodes = new Map();    // render key -> element, so unchanged cards keep their DOM (and focus)

  // ---------- small helpers ----------

  const $ = (id) => document.getElementById(id);

  /** Makes an element. Children that are strings become text nodes: data never becomes markup. */
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    if (attrs) {
      for (const [name, value] of Object.entries(attrs)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === "className") node.className = value;
        else if (name === "text") node.textContent = String(value);
        else if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? "" : String(value));
      }
    }
    for (const child of children) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function str(value) {
    return typeof value === "string" ? value : value === undefined || value === null ? "" : String(value);
  }

  function lower(value) {
    return str(value).toLowerCase();
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch { return null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); } catch { /* private mode: nothing to remember */ }
  }

  function loadHistory() {
    try {
      const parsed = JSON.parse(storageGet(STORE.history) || "[]");
      return Array.isArray(parsed) ? parsed.filter((s) => typeof s === "string").slice(-MAX_HISTORY) : [];
    } catch {
      return [];
    }
  }

  function formatTime(iso) {
    const date = new Date(str(iso));
    if (Number.isNaN(date.getTime())) return "";
    return date.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  function formatFull(iso) {
    const date = new Date(str(iso));
    return Number.isNaN(date.getTime()) ? "" : date.toLocaleString();
  }

  function localId(prefix) {
    return `${prefix}-${state.nextLocalId++}`;
  }

  /** Sends JSON and reads JSON back; a body that is not JSON becomes {ok:false,error}. */
  async function fetchJson(url, options) {
    let response;
    try {
      response = await fetch(url, {
        cache: "no-store",
        headers: { "Accept": "application/json", ...(options && options.body ? { "Content-Type": "application/json" } : {}) },
        ...options,
      });
    } catch (error) {
      return { status: 0, body: { ok: false, error: `Could not reach the host (${str(error && error.message) || "network error"}).` } };
    }
    let body = null;
    try { body = await response.json(); } catch { body = null; }
    if (body === null || typeof body !== "object") {
      body = { ok: false, error: `The host answered HTTP ${response.status} ${response.statusText}`.trim() + "." };
    }
    return { status: response.status, body };
  }

  // ---------- users ----------

  function currentUser() {
    return state.users.find((u) => u.email === state.user) || null;
  }

  function displayUser(email) {
    const user = state.users.find((u) => lower(u.email) === lower(email));
    return user && user.displayName ? `${str(user.displayName)} (${str(user.email)})` : str(email);
  }

  async function loadUsers() {
    const { status, body } = await fetchJson(API.users);
    if (status !== 200 || !Array.isArray(body)) {
      showBanner(`Could not load the users (${str(body && body.error) || `HTTP ${status}`}). Is the host running?`);
      return false;
    }
    state.users = body
      .filter((u) => u && typeof u.email === "string" && u.email.length > 0)
      .map((u) => ({ email: u.email, displayName: str(u.displayName), groups: Array.isArray(u.groups) ? u.groups.map(str) : [] }));

    const select = $("user-select");
    select.replaceChildren(...state.users.map((u) =>
      el("option", { value: u.email, title: u.groups.length ? `Groups: ${u.groups.join(", ")}` : "No groups" },
        u.displayName ? `${u.displayName} — ${u.email}` : u.email)));
    select.disabled = state.users.length === 0;

    const remembered = storageGet(STORE.user);
    const initial = state.users.find((u) => u.email === remembered) || state.users[0];
    if (initial) setUser(initial.email, { initial: true });
    else showBanner("The directory has no users: add some to samples/directory.yaml.");
    return true;
  }

  function setUser(email, { initial = false } = {}) {
    state.user = email;
    $("user-select").value = email;
    storageSet(STORE.user, email);

    const user = currentUser();
    $("user-groups").replaceChildren(...(user ? user.groups : []).map((g) => el("span", { className: "chip", title: "Group" }, g)));

    // A DM and a mailbox belong to one user: the new user sees their own.
    if (!initial && state.conversation.startsWith("dm:") && state.conversation !== dmId(email)) {
      state.conversation = dmId(email);
      storageSet(STORE.conversation, state.conversation);
    } else if (!initial && state.conversation.startsWith("email:") && !isMailboxOf(state.conversation, email)) {
      state.conversation = findConversation(mailboxId(email)) ? mailboxId(email) : dmId(email);
      storageSet(STORE.conversation, state.conversation);
    }
    render({ switched: true });
  }

  function dmId(email) {
    // The host names DMs by the lower-cased address.
    return `dm:${lower(email)}`;
  }

  function mailboxId(email) {
    // And mailboxes too; compared without case all the same.
    return `email:${lower(email)}`;
  }

  function isMailboxOf(conversationId, email) {
    return Boolean(email) && lower(conversationId) === mailboxId(email);
  }

  // ---------- transcript ----------

  function conversations() {
    const list = state.transcript && Array.isArray(state.transcript.conversations) ? state.transcript.conversations : [];
    return list.filter((c) => c && typeof c.id === "string");
  }

  function findConversation(id) {
    return conversations().find((c) => c.id === id) || null;
  }

  function entriesOf(conversation) {
    const entries = conversation && Array.isArray(conversation.entries) ? conversation.entries : [];
    return entries.filter((e) => e && e.card).slice().sort((a, b) => Number(a.seq) - Number(b.seq));
  }

  function maxSeq(conversationId) {
    return entriesOf(findConversation(conversationId)).reduce((max, e) => Math.max(max, Number(e.seq) || 0), 0);
  }

  /** Fetches the transcript, coalescing bursts of changes into one fetch after the current one. */
  function refreshTranscript() {
    if (state.fetching) {
      state.refetch = true;
      return state.fetching;
    }
    state.fetching = (async () => {
      try {
        do {
          state.refetch = false;
          const { status, body } = await fetchJson(API.transcript);
          if (status === 200 && body && Array.isArray(body.conversations)) {
            state.transcript = body;
            hideBanner();
            if (!state.baselined) {
              for (const c of conversations()) markSeen(c);
              state.baselined = true;
            }
            render();
          } else {
            showBanner(`Could not load the conversations (${str(body && body.error) || `HTTP ${status}`}).`);
          }
        } while (state.refetch);
      } finally {
        state.fetching = null;
      }
    })();
    return state.fetching;
  }

  function transcriptRevision() {
    return state.transcript && typeof state.transcript.revision === "number" ? state.transcript.revision : -1;
  }

  // ---------- live updates ----------

  let source = null;
  let pollTimer = null;

  function connectEvents() {
    if (!("EventSource" in window)) {
      setConnection("offline", "Polling");
      pollTimer = window.setInterval(refreshTranscript, 3000);
      return;
    }
    source = new EventSource(API.events);
    const onChanged = (event) => {
      setConnection("live", "Live");
      let revision = NaN;
      try { revision = Number(JSON.parse(event.data).revision); } catch { /* refetch anyway */ }
      if (Number.isNaN(revision) || revision !== transcriptRevision()) refreshTranscript();
    };
    source.addEventListener("changed", onChanged);
    source.onmessage = onChanged;
    source.onopen = () => setConnection("live", "Live");
    source.onerror = () => setConnection("offline", "Reconnecting…");
  }

  function setConnection(stateName, text) {
    const status = $("connection");
    status.dataset.state = stateName;
    status.querySelector(".status-text").textContent = text;
  }

  // ---------- unread ----------

  function markSeen(conversation) {
    if (!conversation) return;
    const seen = new Map();
    for (const e of entriesOf(conversation)) seen.set(Number(e.seq), Number(e.revision) || 0);
    state.seen.set(conversation.id, seen);
  }

  function unreadCount(conversation) {
    const seen = state.seen.get(conversation.id);
    let count = 0;
    for (const e of entriesOf(conversation)) {
      const revision = seen ? seen.get(Number(e.seq)) : undefined;
      if (revision === undefined || (Number(e.revision) || 0) > revision) count++;
    }
    return count;
  }

  // ---------- rendering ----------

  function visibleConversations() {
    const all = conversations();
    const byName = (a, b) => str(a.name || a.id).localeCompare(str(b.name || b.id));
    const channels = all.filter((c) => c.kind === "channel").sort(byName);
    const dm = findConversation(dmId(state.user)) || (state.user ? { id: dmId(state.user), kind: "dm", name: state.user, entries: [] } : null);
    // Like a DM, a mailbox is one person's: only the current user's own is listed.
    const emails = all.filter((c) => c.kind === "email" && isMailboxOf(c.id, state.user)).sort(byName);
    return { channels, dms: dm ? [dm] : [], emails };
  }

  function defaultConversation(visible) {
    const remembered = storageGet(STORE.conversation);
    const all = [...visible.channels, ...visible.dms, ...visible.emails];
    if (remembered && all.some((c) => c.id === remembered)) return remembered;
    return visible.dms.length ? visible.dms[0].id : all.length ? all[0].id : "";
  }

  function render({ switched = false } = {}) {
    const visible = visibleConversations();
    const all = [...visible.channels, ...visible.dms, ...visible.emails];
    // Until the transcript arrives, keep the remembered choice: its conversation may not be listed yet.
    if (state.transcript && (!state.conversation || !all.some((c) => c.id === state.conversation))) {
      state.conversation = defaultConversation(visible);
    }
    const selected = all.find((c) => c.id === state.conversation) || null;
    if (selected && state.baselined) markSeen(selected);

    renderSidebar(visible);
    renderHeader(selected);
    renderMessages(selected, switched);
  }

  function conversationLabel(c) {
    if (c.kind === "channel") return str(c.name || c.id.replace(/^channel:/, ""));
    if (c.kind === "dm") return `${BOT_NAME} bot`;
    return str(c.name || c.id.replace(/^email:/, ""));
  }

  function renderSidebar(visible) {
    const item = (c, icon) => {
      const unread = c.id === state.conversation ? 0 : unreadCount(c);
      const label = conversationLabel(c);
      return el("li", null,
        el("button", {
          type: "button",
          className: unread ? "side-item unread" : "side-item",
          "data-conversation": c.id,
          "data-kind": c.kind,
          "aria-current": c.id === state.conversation ? "true" : "false",
          title: c.kind === "email" ? `Emails to ${str(c.name)}` : label,
          onclick: () => selectConversation(c.id),
        },
        el("span", { className: "side-icon", "aria-hidden": "true" }, icon),
        el("span", { className: "side-label" }, label),
        unread ? el("span", { className: "badge", "data-testid": "unread", "aria-label": `${unread} unread` }, String(unread)) : null));
    };
    const empty = (text) => el("li", { className: "side-empty" }, text);
    const focused = document.activeElement && $("sidebar").contains(document.activeElement)
      ? document.activeElement.getAttribute("data-conversation")
      : null;

    $("list-channels").replaceChildren(...(visible.channels.length
      ? visible.channels.map((c) => item(c, "#"))
      : [empty(state.transcript ? "No channel posts yet" : "Loading…")]));
    $("list-dms").replaceChildren(...(visible.dms.length
      ? visible.dms.map((c) => item(c, "●"))
      : [empty("Choose a user")]));
    $("list-emails").replaceChildren(...(visible.emails.length
      ? visible.emails.map((c) => item(c, "✉"))
      : [empty("No emails yet")]));
    if (focused) {
      const again = Array.from($("sidebar").querySelectorAll("[data-conversation]")).find((b) => b.getAttribute("data-conversation") === focused);
      if (again) again.focus();
    }
  }

  function renderHeader(c) {
    const title = $("pane-title");
    const subtitle = $("pane-subtitle");
    if (!c) {
      title.textContent = "No conversation";
      subtitle.textContent = "";
      document.title = "ChatOpsJit dev console";
      return;
    }
    if (c.kind === "channel") {
      title.textContent = `# ${conversationLabel(c)}`;
      subtitle.textContent = "Approvers see request cards here. Any member can read them; the host decides who may click.";
    } else if (c.kind === "dm") {
      title.textContent = `${BOT_NAME} bot`;
      subtitle.textContent = `Your direct messages with the bot, as ${displayUser(state.user)}.`;
    } else {
      title.textContent = `Email to ${str(c.name)}`;
      subtitle.textContent = "Kept by the sandbox instead of being sent.";
    }
    title.dataset.shownConversation = c.id;
    document.title = `${title.textContent} · ChatOpsJit dev console`;
  }

  function renderMessages(c, switched) {
    const list = $("messages");
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 48;
    const previousTop = list.scrollTop;
    const previousConversation = list.dataset.shownConversation || "";

    const wanted = [];
    if (c) {
      const entries = entriesOf(c);
      const ephemerals = state.ephemerals.filter((x) => x.user === state.user && x.conversation === c.id);
      const notices = state.notices.filter((x) => x.user === state.user && x.conversation === c.id);
      let e = 0;
      for (const entry of entries) {
        while (e < ephemerals.length && ephemerals[e].afterSeq < Number(entry.seq)) wanted.push(ephemeralNode(ephemerals[e++]));
        wanted.push(entryNode(c, entry, notices.filter((n) => n.seq === Number(entry.seq))));
      }
      while (e < ephemerals.length) wanted.push(ephemeralNode(ephemerals[e++]));
      if (wanted.length === 0) wanted.push(emptyNode(c));
    }

    // Reconcile: keep nodes already in place so focus and selection survive a refresh.
    const keep = new Set(wanted);
    for (const child of Array.from(list.children)) if (!keep.has(child)) child.remove();
    wanted.forEach((node, i) => {
      if (list.children[i] !== node) list.insertBefore(node, list.children[i] || null);
    });
    for (const [key, node] of nodes) if (!keep.has(node)) nodes.delete(key);

    list.dataset.shownConversation = c ? c.id : "";
    if (switched || previousConversation !== list.dataset.shownConversation || atBottom) list.scrollTop = list.scrollHeight;
    else list.scrollTop = previousTop;
  }

  function emptyNode(c) {
    const key = `empty|${c.id}`;
    if (nodes.has(key)) return nodes.get(key);
    const text = c.kind === "dm"
      ? "Nothing yet. Ask for access from here with a command like /access web-1 disk full; the bot tells you here when it is granted."
      : c.kind === "channel"
        ? "No request cards in this channel yet."
        : "No emails yet.";
    const node = el("div", { className: "empty" }, el("div", { className: "empty-title" }, "No messages yet"), text);
    nodes.set(key, node);
    return node;
  }

  function entryNode(c, entry, notices) {
    const noticeKey = notices.map((n) => n.id).join(",");
    const key = `entry|${state.user}|${c.id}|${entry.seq}|${entry.revision}|${str(entry.updatedAt)}|${noticeKey}`;
    if (nodes.has(key)) return nodes.get(key);

    const isEmail = c.kind === "email";
    const created = str(entry.createdAt);
    const updated = str(entry.updatedAt);
    const edited = updated && updated !== created;

    const head = el("div", { className: "message-head" },
      el("span", { className: "sender" }, isEmail ? "ChatOpsJit mailer" : BOT_NAME),
      el("span", { className: "app-tag" }, isEmail ? "EMAIL" : "APP"),
      created ? el("time", { className: "time", datetime: created, title: formatFull(created) }, formatTime(created)) : null,
      edited ? el("span", { className: "edited", title: `Updated ${formatFull(updated)}` }, "(updated)") : null);

    const body = el("div", { className: "message-body" }, head);
    if (isEmail) {
      body.append(el("dl", { className: "email-head" },
        el("dt", null, "To"), el("dd", null, str(c.name)),
        el("dt", null, "Subject"), el("dd", null, str(entry.card.title))));
    }
    body.append(cardNode(entry.card, { conversation: c.id, seq: Number(entry.seq) }));
    for (const n of notices) body.append(noticeNode(n));

    const node = el("div", { className: "message", "data-testid": "message", "data-seq": str(entry.seq) },
      el("div", { className: isEmail ? "avatar avatar-email" : "avatar", "aria-hidden": "true" }, isEmail ? "✉" : "JIT"),
      body);
    nodes.set(key, node);
    return node;
  }

  function ephemeralNode(x) {
    const key = `ephemeral|${x.id}`;
    if (nodes.has(key)) return nodes.get(key);
    const node = el("div", { className: "ephemeral", "data-testid": "ephemeral", "data-ok": x.ok ? "true" : "false" },
      el("div", { className: "only-you" },
        eyeIcon(),
        el("span", { className: "only-you-label" }, "Only visible to you"),
        x.command ? el("span", { "aria-hidden": "true" }, "·") : null,
        x.command ? el("span", { className: "command", title: "What you typed" }, x.command) : null,
        el("button", { type: "button", className: "link-btn", onclick: () => dismissEphemeral(x.id) }, "Dismiss")),
      cardNode(x.card, { conversation: x.conversation, seq: null, ephemeralId: x.id }));
    nodes.set(key, node);
    return node;
  }

  /** A small eye, drawn as SVG: emoji fonts are not everywhere. */
  function eyeIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("class", "only-you-eye");
    svg.setAttribute("aria-hidden", "true");
    const outline = document.createElementNS(ns, "path");
    outline.setAttribute("d", "M1.5 12S5.5 4.5 12 4.5 22.5 12 22.5 12 18.5 19.5 12 19.5 1.5 12 1.5 12Z");
    outline.setAttribute("fill", "none");
    outline.setAttribute("stroke", "currentColor");
    outline.setAttribute("stroke-width", "2");
    const pupil = document.createElementNS(ns, "circle");
    pupil.setAttribute("cx", "12");
    pupil.setAttribute("cy", "12");
    pupil.setAttribute("r", "3.5");
    pupil.setAttribute("fill", "currentColor");
    svg.append(outline, pupil);
    return svg;
  }

  function noticeNode(n) {
    return el("div", { className: "notice", "data-testid": "notice", "data-ok": n.ok ? "true" : "false", role: "status" },
      el("span", { "aria-hidden": "true" }, n.ok ? "✓" : "!"),
      el("span", { className: "notice-text" }, n.text),
      el("span", { className: "only-you" }, "Only visible to you"),
      el("button", { type: "button", className: "link-btn", onclick: () => dismissNotice(n.id) }, "Dismiss"));
  }

  const TONES = ["neutral", "pending", "good", "bad", "warning"];
  const STYLES = { primary: "btn btn-primary", danger: "btn btn-danger", default: "btn" };
  const AUDIENCES = { requester: "For the requester", approvers: "For the approvers" };

  function cardNode(card, where) {
    const tone = TONES.includes(lower(card.tone)) ? lower(card.tone) : "neutral";
    const title = str(card.title);
    const node = el("article", { className: "card", "data-testid": "card", "data-card-title": title, "data-tone": tone });

    node.append(el("h3", { className: "card-title" }, title));
    // Whom the card addresses (Slack mentions them): the approvers of the level now deciding.
    const mentions = Array.isArray(card.mentions) ? card.mentions.filter((m) => m && str(m.name)) : [];
    if (mentions.length) {
      node.append(el("div", { className: "card-mentions", "data-testid": "mentions" },
        ...mentions.map((m) => el("span", { className: "mention", title: lower(m.kind) === "group" ? "a group" : "a person" }, "@" + str(m.name)))));
    }
    if (str(card.text)) node.append(el("p", { className: "card-text" }, str(card.text)));

    const fields = Array.isArray(card.fields) ? card.fields.filter((f) => f) : [];
    if (fields.length) {
      node.append(el("dl", { className: "card-fields" },
        ...fields.map((f) => el("div", { className: "card-field", "data-field": str(f.label) },
          el("dt", null, str(f.label)),
          el("dd", null, str(f.value))))));
    }

    if (str(card.code)) {
      const code = str(card.code);
      node.append(el("div", { className: "card-code-wrap" },
        el("pre", { className: "card-code", "data-testid": "code" }, el("code", null, code)),
        el("button", { type: "button", className: "copy-btn", onclick: (event) => copy(code, event.currentTarget) }, "Copy")));
    }

    // In the requester's DM, the sandbox can pretend to run the start-session line.
    const sessionRequestId = str(card.code).includes("start-session") && where.conversation.startsWith("dm:") && where.seq !== null
      ? requestIdOf(card)
      : "";
    const actions = Array.isArray(card.actions) ? card.actions.filter((a) => a && a.verb) : [];
    if (actions.length || sessionRequestId) {
      const bar = el("div", { className: "card-actions" });
      if (sessionRequestId) {
        bar.append(el("button", {
          type: "button",
          className: "btn",
          "data-testid": "start-session",
          "data-request-id": sessionRequestId,
          title: "The sandbox simulates connecting with the command above",
          onclick: () => startSession(sessionRequestId, where),
        }, "Run it in the sandbox"));
      }
      for (const action of actions) {
        bar.append(el("button", {
          type: "button",
          className: STYLES[lower(action.style)] || STYLES.default,
          "data-verb": str(action.verb),
          "data-request-id": str(action.requestId),
          "data-audience": str(action.audience) || null,
          title: AUDIENCES[lower(action.audience)] || null,
          onclick: (event) => clickAction(action, where, event.currentTarget),
        }, str(action.label) || str(action.verb)));
      }
      node.append(bar);
    }

    if (str(card.footer)) node.append(el("div", { className: "card-footer" }, str(card.footer)));
    return node;
  }

  /** The request a card is about: a button's requestId, else a field labelled "Request". */
  function requestIdOf(card) {
    const action = (Array.isArray(card.actions) ? card.actions : []).find((a) => a && str(a.requestId));
    if (action) return str(action.requestId);
    const field = (Array.isArray(card.fields) ? card.fields : []).find((f) => f && lower(f.label) === "request");
    return field ? str(field.value).trim() : "";
  }

  async function startSession(requestId, where) {
    const user = state.user;
    const { status, body } = await fetchJson(API.sessions, { method: "POST", body: JSON.stringify({ user, requestId }) });
    const ok = body && body.ok === true && status >= 200 && status < 300;
    const text = ok ? str(body.message) || "Session started (simulated)." : str(body && body.error) || `Could not start a session (HTTP ${status}).`;
    addNotice(user, where, ok, text);
  }

  function addNotice(user, where, ok, text) {
    state.notices = state.notices.filter((n) => !(n.user === user && n.conversation === where.conversation && n.seq === where.seq));
    state.notices.push({ id: localId("notice"), user, conversation: where.conversation, seq: where.seq, ok, text });
    render();
  }

  async function copy(text, button) {
    try {
      await navigator.clipboard.writeText(text);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy";
    }
    window.setTimeout(() => { button.textContent = "Copy"; }, 1500);
  }

  // ---------- conversation selection ----------

  function selectConversation(id) {
    state.conversation = id;
    storageSet(STORE.conversation, id);
    render({ switched: true });
    // At phone width the sidebar lies over the messages: picking a conversation is done with it.
    setSidebarOpen(false, { restoreFocus: false });
    $("composer").focus();
  }

  // ---------- sidebar (behind a toggle at phone width) ----------

  const phoneWidth = window.matchMedia("(max-width: 720px)");

  function sidebarOpen() {
    return $("app").classList.contains("sidebar-open");
  }

  function setSidebarOpen(open, { restoreFocus = true } = {}) {
    const was = sidebarOpen();
    $("app").classList.toggle("sidebar-open", open);
    $("sidebar-toggle").setAttribute("aria-expanded", open ? "true" : "false");
    if (open === was || !phoneWidth.matches) return;
    if (open) {
      const sidebar = $("sidebar");
      const current = sidebar.querySelector("[aria-current='true']") || sidebar.querySelector("button");
      if (current) current.focus();
    } else if (restoreFocus) {
      $("sidebar-toggle").focus();
    }
  }

  function setupSidebar() {
    $("sidebar-toggle").addEventListener("click", () => setSidebarOpen(!sidebarOpen()));
    $("sidebar-backdrop").addEventListener("click", () => setSidebarOpen(false));
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && sidebarOpen() && phoneWidth.matches && !$("prompt").open) {
        event.preventDefault();
        setSidebarOpen(false);
      }
    });
    // Wider than a phone the sidebar is always there: forget an open state that no longer means anything.
    phoneWidth.addEventListener("change", () => { if (!phoneWidth.matches) setSidebarOpen(false, { restoreFocus: false }); });
  }

  // ---------- commands ----------

  async function sendCommand(text) {
    const conversation = state.conversation;
    const user = state.user;
    if (!user) {
      toast("Choose who you are first.");
      return;
    }
    const sendButton = $("composer-send");
    sendButton.disabled = true;
    const { status, body } = await fetchJson(API.commands, {
      method: "POST",
      body: JSON.stringify({ user, text }),
    });
    sendButton.disabled = false;

    const reached = status !== 0;
    if (reached) {
      $("composer").value = "";
      remember(text);
    }

    let card = body && body.reply && typeof body.reply === "object" ? body.reply : null;
    const ok = body && body.ok === true && status >= 200 && status < 300;
    if (!card) {
      card = ok
        ? { title: "Done", tone: "Good" }
        : { title: "Sorry: " + (str(body && body.error) || `the host answered HTTP ${status}`), tone: "Bad" };
    } else if (!ok && body && body.error && !str(card.title)) {
      card = { ...card, title: str(body.error) };
    }

    // The command may have posted cards already: place the reply after them, as a chat app would.
    await refreshTranscript();
    state.ephemerals.push({ id: localId("eph"), user, conversation, afterSeq: maxSeq(conversation), command: text, card, ok });
    render();
    if (user === state.user && conversation === state.conversation) {
      const list = $("messages");
      list.scrollTop = list.scrollHeight;
    }
  }

  function remember(text) {
    if (state.history[state.history.length - 1] !== text) state.history.push(text);
    state.history = state.history.slice(-MAX_HISTORY);
    state.historyIndex = -1;
    storageSet(STORE.history, JSON.stringify(state.history));
  }

  function dismissEphemeral(id) {
    state.ephemerals = state.ephemerals.filter((x) => x.id !== id);
    render();
  }

  // ---------- card buttons ----------

  // Any verb the host puts on a card is drawn and sent as it is: the host decides what it means and who may press it.
  // A verb that needs confirming (Reject, Revoke, Extend…) is answered with a prompt instead of being done; only then
  // does the dialog ask, and Confirm sends the same action again with confirmed: true and what was typed.

  /** A press: one call; a prompt in the answer opens the dialog, anything else is the result. */
  async function clickAction(action, where, opener) {
    const user = state.user;
    const request = { user, verb: str(action.verb), requestId: str(action.requestId) };
    const cardElement = opener ? opener.closest(".card") : null;
    const buttons = cardElement ? Array.from(cardElement.querySelectorAll("button[data-verb]")) : [];
    buttons.forEach((b) => { b.disabled = true; });
    const result = await postAction(request);
    buttons.forEach((b) => { b.disabled = false; });

    const prompt = promptOf(result);
    if (prompt) {
      openPrompt({ prompt, action, where, request, user, opener });
      return;
    }
    await showActionResult(action, where, user, result);
  }

  async function postAction(request) {
    const { status, body } = await fetchJson(API.actions, { method: "POST", body: JSON.stringify(request) });
    return { status, body, ok: Boolean(body) && body.ok === true && status >= 200 && status < 300 };
  }

  /** The host's question before an action it will only do once confirmed; null for an answer that is a result. */
  function promptOf(result) {
    const prompt = result.ok ? result.body.prompt : null;
    return prompt && typeof prompt === "object" ? prompt : null;
  }

  function actionName(action) {
    return str(action.label) || str(action.verb);
  }

  function resultText(action, result) {
    return result.ok
      ? str(result.body.message) || `${actionName(action)}: done.`
      : str(result.body && result.body.error) || `${actionName(action)} failed (HTTP ${result.status}).`;
  }

  async function showActionResult(action, where, user, result) {
    const { ok, body } = result;
    const text = resultText(action, result);
    // A private card (temporary credentials) is shown only here, to the clicker, and kept in memory only: never stored.
    const privateCard = ok && body.reply && typeof body.reply === "object" ? body.reply : null;
    if (privateCard) {
      state.ephemerals.push({
        id: localId("eph"), user, conversation: where.conversation, afterSeq: maxSeq(where.conversation),
        command: "", card: privateCard, ok,
      });
      render();
    } else if (where.seq === null) {
      // A button on an ephemeral reply: answer with another ephemeral reply.
      state.ephemerals.push({
        id: localId("eph"), user, conversation: where.conversation, afterSeq: maxSeq(where.conversation),
        command: "", card: { title: text, tone: ok ? "Good" : "Bad" }, ok,
      });
      render();
    } else {
      addNotice(user, where, ok, text);
    }
    await refreshTranscript();
    // The pressed button may have gone with its card's old revision: keep the keyboard in the messages.
    if (!document.activeElement || document.activeElement === document.body) $("messages").focus({ preventScroll: true });
  }

  // ---------- the prompt dialog ----------

  let activePrompt = null;    // {prompt, action, where, request, user, opener, busy}

  function promptInput(prompt) {
    return prompt && prompt.input && typeof prompt.input === "object" ? prompt.input : null;
  }

  /** Fills the dialog from the host's prompt; every text goes in as text. */
  function fillPrompt(context) {
    const { prompt, action } = context;
    $("prompt-title").textContent = str(prompt.title) || actionName(action);
    const text = $("prompt-text");
    text.textContent = str(prompt.text);
    text.hidden = !str(prompt.text);

    const spec = promptInput(prompt);
    const input = $("prompt-input");
    $("prompt-field").hidden = !spec;
    input.disabled = !spec;
    input.value = "";
    if (spec) {
      $("prompt-label").textContent = str(spec.label) || "Details";
      input.placeholder = str(spec.placeholder);
      input.required = spec.required === true;
      input.setAttribute("aria-required", spec.required === true ? "true" : "false");
    }

    const confirm = $("prompt-confirm");
    confirm.textContent = str(prompt.confirmLabel) || actionName(action) || "Confirm";
    confirm.className = lower(action.style) === "danger" ? "btn btn-danger-solid" : "btn btn-primary";
    setPromptError("");
    setPromptBusy(false);
    updatePromptCount();
  }

  /** The host's limit, counted in characters as the host counts them (code points); 0 when there is none. */
  function promptMaxLength(prompt) {
    const spec = promptInput(prompt);
    const max = spec ? Number(spec.maxLength) : 0;
    return Number.isInteger(max) && max > 0 ? max : 0;
  }

  /** Characters as the host counts them: code points, after it has made each run of spaces one space. */
  function characters(text) {
    return Array.from(text.trim().replace(/\s+/g, " ")).length;
  }

  // No maxlength attribute: it would cut a paste short without a word (and counts UTF-16 units, not characters).
  // The count says how far over it is, and Confirm refuses until it fits.
  function updatePromptCount() {
    const count = $("prompt-count");
    const max = activePrompt ? promptMaxLength(activePrompt.prompt) : 0;
    if (!max) {
      count.textContent = "";
      count.removeAttribute("data-over");
      return;
    }
    const used = characters($("prompt-input").value);
    count.textContent = `${used} / ${max}`;
    count.setAttribute("data-over", used > max ? "true" : "false");
  }

  function openPrompt(context) {
    const dialog = $("prompt");
    activePrompt = { ...context, busy: false };
    fillPrompt(activePrompt);
    if (!dialog.open) dialog.showModal();
    focusPrompt();
  }

  /** The input when there is one, else Cancel: Enter on a destructive question should not be a yes. */
  function focusPrompt() {
    const input = $("prompt-input");
    (activePrompt && promptInput(activePrompt.prompt) ? input : $("prompt-cancel")).focus();
  }

  function setPromptError(text) {
    const error = $("prompt-error");
    const input = $("prompt-input");
    error.textContent = text;
    error.hidden = !text;
    if (text) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", "prompt-error");
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }

  function setPromptBusy(busy) {
    if (activePrompt) activePrompt.busy = busy;
    const dialog = $("prompt");
    if (busy) dialog.setAttribute("aria-busy", "true");
    else dialog.removeAttribute("aria-busy");
    $("prompt-confirm").disabled = busy;
    $("prompt-cancel").disabled = busy;
    $("prompt-input").readOnly = busy;
  }

  async function confirmPrompt() {
    const context = activePrompt;
    if (!context || context.busy) return;
    const spec = promptInput(context.prompt);
    const value = spec ? $("prompt-input").value.trim() : "";
    if (spec && spec.required === true && !value) {
      setPromptError(`${str(spec.label) || "This"} is required.`);
      $("prompt-input").focus();
      return;
    }
    const max = promptMaxLength(context.prompt);
    if (max && characters(value) > max) {
      setPromptError(`That is ${characters(value)} characters; the limit is ${max}.`);
      $("prompt-input").focus();
      return;
    }

    setPromptBusy(true);
    const request = { ...context.request, confirmed: true };
    if (value) request.input = value;
    const result = await postAction(request);
    if (activePrompt !== context) return;
    setPromptBusy(false);

    const again = promptOf(result);
    if (again) {
      // The host asks something else now: ask that instead, keeping what was typed.
      context.prompt = again;
      fillPrompt(context);
      $("prompt-input").value = value;
      updatePromptCount();
      focusPrompt();
    } else if (!result.ok) {
      // A refusal (an input it does not take, a request that moved on) stays in the dialog, so it can be fixed.
      setPromptError(resultText(context.action, result));
      focusPrompt();
    } else {
      $("prompt").close();
      await showActionResult(context.action, context.where, context.user, result);
    }
  }

  /** Leaves focus where the dialog was opened from, or on the messages when that button has gone with its card. */
  function promptClosed() {
    const context = activePrompt;
    activePrompt = null;
    setPromptBusy(false);
    const opener = context && context.opener;
    if (opener && opener.isConnected && !opener.disabled) opener.focus();
    else $("messages").focus({ preventScroll: true });
  }

  function setupPrompt() {
    const dialog = $("prompt");
    $("prompt-input").addEventListener("input", updatePromptCount);
    $("prompt-form").addEventListener("submit", (event) => {
      event.preventDefault();
      confirmPrompt();
    });
    $("prompt-cancel").addEventListener("click", () => {
      if (activePrompt && !activePrompt.busy) dialog.close();
    });
    // Escape: cancel, unless the confirmed call is on its way (its result is shown when it lands).
    dialog.addEventListener("cancel", (event) => {
      if (activePrompt && activePrompt.busy) event.preventDefault();
    });
    dialog.addEventListener("close", promptClosed);
    // Keep Tab inside the dialog: the page behind it is inert, and so is the browser's own chrome for this purpose.
    dialog.addEventListener("keydown", (event) => {
      if (event.key !== "Tab") return;
      const focusable = Array.from(dialog.querySelectorAll("input, button, [tabindex]:not([tabindex='-1'])"))
        .filter((node) => !node.disabled && node.getClientRects().length > 0);
      if (focusable.length === 0) return;
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  function dismissNotice(id) {
    state.notices = state.notices.filter((n) => n.id !== id);
    render();
  }

  // ---------- banner, toast, hint ----------

  function showBanner(text) {
    const banner = $("banner");
    banner.textContent = text;
    banner.hidden = false;
  }

  function hideBanner() {
    $("banner").hidden = true;
  }

  function toast(text) {
    const node = el("div", { className: "toast", role: "status" }, text);
    $("toasts").append(node);
    window.setTimeout(() => node.remove(), 4000);
  }

  function setupHint() {
    const hint = $("hint");
    hint.hidden = storageGet(STORE.hintDismissed) === "1";
    $("hint-close").addEventListener("click", () => {
      hint.hidden = true;
      storageSet(STORE.hintDismissed, "1");
      $("composer").focus();
    });
  }

  // ---------- composer ----------

  function setupComposer() {
    const form = $("composer-form");
    const input = $("composer");
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (!text || $("composer-send").disabled) return;
      sendCommand(text);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "ArrowUp" && state.history.length && (input.value === "" || state.historyIndex >= 0)) {
        event.preventDefault();
        state.historyIndex = state.historyIndex < 0 ? state.history.length - 1 : Math.max(0, state.historyIndex - 1);
        input.value = state.history[state.historyIndex];
      } else if (event.key === "ArrowDown" && state.historyIndex >= 0) {
        event.preventDefault();
        state.historyIndex++;
        if (state.historyIndex >= state.history.length) {
          state.historyIndex = -1;
          input.value = "";
        } else {
          input.value = state.history[state.historyIndex];
        }
      } else if (event.key === "Escape") {
        state.historyIndex = -1;
      }
    });
  }

  // ---------- start ----------

  async function start() {
    state.conversation = storageGet(STORE.conversation) || "";
    setupHint();
    setupComposer();
    setupSidebar();
    setupPrompt();
    $("user-select").addEventListener("change", (event) => setUser(event.target.value));
    render();
    await loadUsers();
    await refreshTranscript();
    connectEvents();
    $("composer").focus();
  }

  window.addEventListener("beforeunload", () => {
    if (source) source.close();
    if (pollTimer) window.clearInterval(pollTimer);
  });

  start();
})();
