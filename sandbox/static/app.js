// 议事会助手 · 沙盒: a WeChat-style chat on the local Bot API stand-in.
// Plain JS, no build step, nothing from the network but this server. Text from people and from the bot is only ever
// put into the page as text nodes (never innerHTML); the bot's formatting arrives as Telegram entities.
"use strict";

const $ = (selector) => document.querySelector(selector);
const WIDE = window.matchMedia("(min-width: 760px)");
const GAP_FOR_TIME = 5 * 60; // seconds between two messages before a centred time line, as WeChat does
const PALETTE = ["#f0a04b", "#5b8def", "#e46a6a", "#4bb08a", "#a77bd8", "#d98b3a", "#3aa3b5", "#c9628e", "#7d9b3c"];
const CHIPS = {
  facilitator: ["发起议题 ", "开始投票", "结束投票", "进度", "设置", "帮助"],
  resident: ["建议：", "投1", "进度", "帮助"],
  staff: ["进度", "帮助"],
};
const ENTITY_TAGS = {
  bold: "strong", italic: "em", underline: "u", strikethrough: "s", code: "code", pre: "pre",
  blockquote: "blockquote", expandable_blockquote: "blockquote",
};

const S = {
  instance: null, seq: 0, tz: "Asia/Shanghai", bot: null,
  people: new Map(), chats: new Map(), messages: new Map(), pins: new Map(),
  me: null, current: null, replyTo: null, unread: new Map(), started: new Set(),
  myQueries: new Set(), answers: new Map(), demo: new Map(), cast: {}, botOnline: false, connected: false,
  stick: true, // the message list follows new messages while it is scrolled to the bottom
};

// ---------------------------------------------------------------- small helpers

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "dataset") Object.assign(node.dataset, value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

async function api(path, body) {
  const response = await fetch(path, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let data = {};
  try { data = await response.json(); } catch (error) { /* not JSON */ }
  if (!response.ok) throw new Error(data.error || `出错了（${response.status}）`);
  return data;
}

function formatter(options) {
  try { return new Intl.DateTimeFormat("zh-CN", { timeZone: S.tz, hour12: false, ...options }); }
  catch (error) { return new Intl.DateTimeFormat("zh-CN", { hour12: false, ...options }); }
}

function clock(seconds) {
  return formatter({ hour: "2-digit", minute: "2-digit" }).format(new Date(seconds * 1000));
}

function when(seconds) {
  const day = formatter({ year: "numeric", month: "numeric", day: "numeric" });
  const date = new Date(seconds * 1000);
  if (day.format(date) === day.format(new Date())) return clock(seconds);
  return formatter({ month: "numeric", day: "numeric" }).format(date) + " " + clock(seconds);
}

function person(id) {
  if (S.bot && id === S.bot.id) return { id, name: S.bot.name, role: "bot", role_label: "机器人" };
  return S.people.get(id) || { id, name: "某人", role: "resident", role_label: "居民" };
}

function initials(name, tiny = false) {
  // 小陈宝妈 → 小陈 (陈 on the small tiles of a group's avatar); 张阿姨 → 张.
  const chars = Array.from(name || "?");
  if ((chars[0] === "小" || chars[0] === "老") && chars.length > 2) return tiny ? chars[1] : chars.slice(0, 2).join("");
  return chars[0];
}

function avatar(id, size = "") {
  const who = person(id);
  if (who.role === "bot") return el("span", { class: `avatar bot ${size}`, "aria-hidden": "true" }, "议");
  const color = PALETTE[Math.abs(Number(id)) % PALETTE.length];
  const node = el("span", { class: `avatar ${size}`, "aria-hidden": "true" }, initials(who.name, size === "tiny"));
  node.style.background = color;
  return node;
}

function chatAvatar(chat) {
  if (chat.type === "private") return avatar(S.bot.id);
  const grid = el("span", { class: "avatar group", "aria-hidden": "true" });
  for (const id of chat.members.slice(0, 4)) grid.append(avatar(id, "tiny"));
  return grid;
}

function chatTitle(chat) {
  return chat.type === "private" ? chat.title : `${chat.title}(${chat.members.length + (chat.bot_present ? 1 : 0)})`;
}

function visibleChats() {
  const mine = [...S.chats.values()].filter((chat) =>
    chat.type === "private" ? chat.owner === S.me : chat.members.includes(S.me));
  const last = (chat) => {
    const list = [...(S.messages.get(chat.id) || new Map()).values()];
    return list.length ? list[list.length - 1].date : 0;
  };
  return mine.sort((a, b) => last(b) - last(a) || (a.type === "private") - (b.type === "private") || b.id - a.id);
}

// ---------------------------------------------------------------- entities → DOM

function safeUrl(url) {
  const value = String(url || "").trim();
  if (/^(https?:|tg:|mailto:|tel:)/i.test(value)) return value;
  if (/^[\w.-]+\.[a-z]{2,}/i.test(value)) return "http://" + value;
  return null;
}

function entityNode(entity, text) {
  const slice = text.slice(entity.offset, entity.offset + entity.length);
  const tag = ENTITY_TAGS[entity.type];
  if (tag) return el(tag, { class: `e-${entity.type}` });
  switch (entity.type) {
    case "text_link":
    case "url": {
      const href = safeUrl(entity.type === "url" ? slice : entity.url);
      return href ? el("a", { href, target: "_blank", rel: "noopener noreferrer" }) : el("span");
    }
    case "email": return el("a", { href: "mailto:" + slice });
    case "phone_number": return el("a", { href: "tel:" + slice.replace(/[^\d+]/g, "") });
    case "bot_command":
      return el("a", { class: "e-command", href: "#", title: "点一下就发送", onclick: (event) => {
        event.preventDefault();
        sendText(slice.split("@")[0]);
      } });
    case "spoiler":
      return el("span", { class: "e-spoiler", onclick: (event) => event.currentTarget.classList.add("shown") });
    default: return el("span", { class: `e-${entity.type}` }); // mention, hashtag, cashtag, text_mention, custom_emoji …
  }
}

function richText(text, entities) {
  // Entities count UTF-16 code units, as JavaScript strings do. Build a tree; an entity that crosses the end of
  // its parent is split in two, so that any overlap still renders.
  const list = (entities || [])
    .filter((e) => e.length > 0 && e.offset >= 0 && e.offset + e.length <= text.length)
    .map((e) => ({ ...e }))
    .sort((a, b) => a.offset - b.offset || b.length - a.length);
  const fragment = document.createDocumentFragment();
  (function build(parent, start, end, items) {
    let position = start;
    while (items.length) {
      const entity = items.shift();
      const entityEnd = entity.offset + entity.length;
      if (entity.offset > position) parent.append(text.slice(position, entity.offset));
      const inner = [];
      while (items.length && items[0].offset < entityEnd) {
        const child = items.shift();
        const childEnd = child.offset + child.length;
        if (childEnd > entityEnd) {
          inner.push({ ...child, length: entityEnd - child.offset });
          items.push({ ...child, offset: entityEnd, length: childEnd - entityEnd });
          items.sort((a, b) => a.offset - b.offset || b.length - a.length);
        } else inner.push(child);
      }
      const node = entityNode(entity, text);
      build(node, entity.offset, entityEnd, inner);
      parent.append(node);
      position = entityEnd;
    }
    if (position < end) parent.append(text.slice(position, end));
  })(fragment, 0, text.length, list);
  return fragment;
}

// ---------------------------------------------------------------- rendering

function renderAll() {
  renderMe();
  renderPeople();
  renderChats();
  renderChat();
}

function renderMe() {
  const me = person(S.me);
  $("#me-avatar").replaceWith(Object.assign(avatar(S.me, "small"), { id: "me-avatar" }));
  $("#me-name").textContent = me.name;
  $("#me-role").textContent = { facilitator: "社工", staff: "工作人员" }[me.role] || "居民";
}

function renderPeople() {
  const order = { facilitator: 0, staff: 1, resident: 2 };
  const people = [...S.people.values()].sort((a, b) => order[a.role] - order[b.role] || a.id - b.id);
  $("#people").replaceChildren(el("div", { class: "popover-title" }, "以谁的身份说话？"), ...people.map((who) =>
    el("button", {
      type: "button", role: "option", class: "person" + (who.id === S.me ? " selected" : ""),
      "aria-selected": who.id === S.me ? "true" : "false", dataset: { person: who.id },
      onclick: () => { switchTo(who.id); togglePeople(false); },
    }, avatar(who.id, "small"), el("span", { class: "person-name" }, who.name),
    el("span", { class: `person-role role-${who.role}` }, who.role_label))));
}

function preview(chat) {
  const list = [...(S.messages.get(chat.id) || new Map()).values()];
  const last = list[list.length - 1];
  if (!last) return { text: chat.type === "private" ? "点开，和机器人私聊" : "", date: null };
  let text = last.document ? `[文件] ${last.document.name}` : (last.text || "").split("\n")[0];
  if (last.kind !== "service" && chat.type !== "private") text = `${person(last.from.id).name}: ${text}`;
  return { text, date: last.date };
}

function renderChats() {
  const items = visibleChats().map((chat) => {
    const { text, date } = preview(chat);
    const unread = S.unread.get(chat.id) || 0;
    return el("li", {},
      el("button", {
        type: "button", class: "chat-item" + (chat.id === S.current ? " active" : ""), dataset: { chat: chat.id },
        onclick: () => openChat(chat.id),
      },
      el("span", { class: "chat-avatar" }, chatAvatar(chat), unread ? el("span", { class: "badge" }, unread > 99 ? "99+" : unread) : null),
      el("span", { class: "chat-main" },
        el("span", { class: "chat-line" },
          el("span", { class: "chat-name" }, chat.title),
          el("span", { class: "chat-time" }, date ? when(date) : "")),
        el("span", { class: "chat-preview" }, text))));
  });
  $("#chats").replaceChildren(...items);
}

function renderChat() {
  const chat = S.chats.get(S.current);
  const app = $("#app");
  app.classList.toggle("has-chat", Boolean(chat));
  app.classList.toggle("show-chat", Boolean(chat));
  app.classList.toggle("show-list", !chat);
  if (!chat) return;
  $("#chat-title").textContent = chatTitle(chat);
  const input = $("#input");
  input.placeholder = chat.type === "private" ? "和议事会助手私聊" : `以 ${person(S.me).name} 的身份发言`;
  renderChips();
  renderPinned();
  renderDemoCaption();
  const box = $("#messages");
  const rows = [];
  let previous = null;
  for (const view of (S.messages.get(chat.id) || new Map()).values()) {
    if (!previous || view.date - previous.date >= GAP_FOR_TIME) rows.push(el("div", { class: "time-line" }, when(view.date)));
    rows.push(messageRow(view));
    previous = view;
  }
  const hint = emptyHint(chat);
  if (hint) rows.push(hint);
  box.replaceChildren(...rows);
  box.scrollTop = box.scrollHeight;
  S.stick = true;
  renderReplying();
}

function emptyHint(chat) {
  const spoken = [...(S.messages.get(chat.id) || new Map()).values()].some((v) => v.kind !== "service");
  if (spoken || chat.type === "private") return null;
  const role = person(S.me).role;
  const tips = {
    facilitator: ["你是这个群的管理员（议事员）。", "发「发起议题 流浪狗扰民怎么办」开始一个议题，换行可以写背景。"],
    resident: ["你是这个群里的居民。", "议题开始后，发「建议：…」提建议；投票时点按钮，或发「投2」。"],
    staff: ["你是社区工作人员。", "每周简报会发到这个工作群。"],
  }[role] || [];
  return el("div", { class: "hint" }, el("strong", {}, tips[0]), el("span", {}, tips[1]),
    el("span", { class: "hint-more" }, "点上面的「身份」可以换成别人说话。"));
}

function messageRow(view) {
  if (view.kind === "service") {
    return el("div", { class: "system", dataset: { id: view.id } }, el("span", {}, view.text));
  }
  const own = view.from.id === S.me;
  const who = person(view.from.id);
  const chat = S.chats.get(view.chat_id);
  const isAdmin = chat && chat.admins && chat.admins.includes(view.from.id);
  const meta = el("div", { class: "meta" },
    own ? null : el("span", { class: "name" }, who.name),
    who.role === "bot" ? el("span", { class: "tag bot-tag" }, "机器人") : null,
    !own && isAdmin && chat.type !== "private" ? el("span", { class: "tag" }, "管理员") : null,
    el("time", {}, clock(view.date)),
    view.edited ? el("span", { class: "edited" }, "已编辑") : null);
  const parts = [meta];
  if (view.document) parts.push(documentCard(view.document));
  if (view.text) {
    parts.push(el("div", { class: "bubble" + (view.document ? " caption" : "") }, richText(view.text, view.entities)));
  }
  if (view.reply) {
    parts.push(el("button", { type: "button", class: "quote", onclick: () => jumpTo(view.reply.id) },
      `${view.reply.name}：${view.reply.text.split("\n")[0]}`));
  }
  if (view.buttons && view.buttons.length) parts.push(keyboard(view));
  const body = el("div", {
    class: "body",
    oncontextmenu: (event) => { // right-click, or a long press on a phone: quote this message
      if (event.target.closest("a, .inline-button")) return;
      event.preventDefault();
      setReply(view);
    },
  }, ...parts,
    el("button", { type: "button", class: "quote-action", title: "引用这条消息回复", onclick: () => setReply(view) }, "引用"));
  return el("div", { class: `msg ${own ? "own" : "other"}${who.role === "bot" ? " from-bot" : ""}`, dataset: { id: view.id } },
    avatar(view.from.id), body);
}

function documentCard(doc) {
  const size = doc.size == null ? "" : doc.size < 1024 ? `${doc.size} B` : `${(doc.size / 1024).toFixed(1)} KB`;
  const ext = (doc.name.split(".").pop() || "文件").slice(0, 4).toUpperCase();
  return el("a", { class: "document", href: doc.url, download: doc.name, title: "下载" },
    el("span", { class: "doc-text" }, el("span", { class: "doc-name" }, doc.name), el("span", { class: "doc-size" }, size || "文件")),
    el("span", { class: "doc-icon" }, ext));
}

function keyboard(view) {
  return el("div", { class: "buttons" }, view.buttons.map((row) => el("div", { class: "button-row" }, row.map((button) => {
    if (button.url) {
      const href = safeUrl(button.url);
      const onclick = /^https:\/\/t\.me\//i.test(href || "") ? (event) => openLink(event, href) : undefined;
      return el("a", { class: "inline-button", href: href || "#", target: "_blank", rel: "noopener noreferrer", onclick },
        button.text, " ↗");
    }
    if (button.callback_data === undefined) {
      return el("button", { type: "button", class: "inline-button", disabled: true, title: "沙盒里不能用这种按钮" }, button.text);
    }
    return el("button", {
      type: "button", class: "inline-button",
      onclick: (event) => tap(view, button, event.currentTarget),
    }, button.text);
  }))));
}

function renderPinned() {
  const id = S.pins.get(S.current);
  const view = id ? (S.messages.get(S.current) || new Map()).get(id) : null;
  const bar = $("#pinned");
  bar.hidden = !view;
  if (view) {
    $("#pinned-text").textContent = (view.text || (view.document ? view.document.name : "")).split("\n")[0];
    bar.onclick = () => jumpTo(view.id);
  }
}

function renderDemoCaption() {
  const caption = S.demo.get(S.current);
  const box = $("#demo-caption");
  box.hidden = !caption;
  if (!caption) return;
  box.className = `demo-caption ${caption.state}`;
  $("#demo-step").textContent = caption.step;
  $("#demo-text").textContent = caption.text;
}

function renderChips() {
  const chat = S.chats.get(S.current);
  const role = person(S.me).role;
  const chips = chat && chat.type !== "private" ? (CHIPS[role] || []) : ["帮助"];
  $("#chips").replaceChildren(...chips.map((text) => el("button", {
    type: "button", class: "chip", title: "放进输入框", onclick: () => {
      const input = $("#input");
      input.value = text;
      input.focus();
      input.setSelectionRange(text.length, text.length);
      autosize();
    },
  }, text.trim())));
}

function renderReplying() {
  const box = $("#replying");
  box.hidden = !S.replyTo;
  if (S.replyTo) $("#replying-text").textContent = `引用 ${person(S.replyTo.from.id).name}：${(S.replyTo.text || "").split("\n")[0]}`;
}

function renderStatus() {
  const status = $("#status");
  const ok = S.connected && S.botOnline;
  status.className = "status " + (ok ? "online" : "offline");
  status.textContent = !S.connected ? "连接中断，重连中…" : S.botOnline ? "机器人在线" : "机器人未连接";
}

// ---------------------------------------------------------------- live updates

function upsertMessage(view) {
  const chatMessages = S.messages.get(view.chat_id) || new Map();
  S.messages.set(view.chat_id, chatMessages);
  const known = chatMessages.has(view.id);
  if (view.deleted) chatMessages.delete(view.id);
  else chatMessages.set(view.id, view);
  const chat = S.chats.get(view.chat_id);
  const mine = chat && (chat.type === "private" ? chat.owner === S.me : chat.members.includes(S.me));
  if (view.chat_id !== S.current) {
    if (!known && !view.deleted && view.kind !== "service" && view.from.id !== S.me && mine) {
      S.unread.set(view.chat_id, (S.unread.get(view.chat_id) || 0) + 1);
    }
    renderChats();
    return;
  }
  const box = $("#messages");
  const old = box.querySelector(`[data-id="${view.id}"]`);
  if (view.deleted) {
    if (old) old.remove();
  } else if (old) {
    const row = messageRow(view);
    row.classList.add("flash");
    old.replaceWith(row);
  } else {
    box.querySelector(".hint")?.remove();
    const rows = [...chatMessages.values()];
    const previous = rows.length > 1 ? rows[rows.length - 2] : null;
    if (!previous || view.date - previous.date >= GAP_FOR_TIME) box.append(el("div", { class: "time-line" }, when(view.date)));
    box.append(messageRow(view));
  }
  if (S.pins.get(view.chat_id) === view.id) renderPinned();
  if (S.stick || (!known && view.from.id === S.me)) {
    box.scrollTop = box.scrollHeight;
    S.stick = true;
  }
  renderChats();
}

function applyWorld(world) {
  S.bot = world.bot;
  S.people = new Map(world.people.map((p) => [p.id, p]));
  S.chats = new Map(world.chats.map((c) => [c.id, c]));
}

const HANDLERS = {
  hello(data) {
    if (S.instance && data.instance !== S.instance) location.reload(); // the sandbox was restarted
  },
  world(data) {
    applyWorld(data);
    renderMe();
    renderPeople();
    renderChats();
    const chat = S.chats.get(S.current);
    if (chat) $("#chat-title").textContent = chatTitle(chat);
  },
  message: upsertMessage,
  pin(data) {
    S.pins.set(data.chat_id, data.message_id);
    if (data.chat_id === S.current) renderPinned();
  },
  answer(data) {
    S.answers.set(data.query_id, data);
    showAnswer(data);
  },
  demo(data) {
    const isNew = !S.demo.has(data.chat_id);
    S.demo.set(data.chat_id, data);
    if (isNew && data.state === "running" && S.current !== data.chat_id) {
      // A demo just started (here, from another page, or with --demo): go and watch it, as someone in that group.
      const chat = S.chats.get(data.chat_id);
      if (chat && !chat.members.includes(S.me)) S.me = S.cast.facilitator;
      openChat(data.chat_id);
      renderAll();
    }
    if (data.chat_id === S.current) renderDemoCaption();
  },
  status(data) {
    S.botOnline = data.bot_online;
    renderStatus();
  },
};

function connect() {
  const source = new EventSource(`/api/events?since=${S.seq}`);
  for (const [kind, handle] of Object.entries(HANDLERS)) {
    source.addEventListener(kind, (event) => {
      S.seq = Number(event.lastEventId) || S.seq;
      handle(JSON.parse(event.data));
    });
  }
  source.onopen = () => { S.connected = true; renderStatus(); };
  source.onerror = () => { S.connected = false; renderStatus(); };
}

// ---------------------------------------------------------------- actions

function save() {
  try {
    localStorage.setItem("sandbox.me", String(S.me));
    localStorage.setItem("sandbox.chat", String(S.current || ""));
    localStorage.setItem("sandbox.instance", S.instance);
  } catch (error) { /* private mode */ }
}

function switchTo(id) {
  S.me = id;
  S.replyTo = null;
  const chat = S.chats.get(S.current);
  if (chat && chat.type === "private" && S.chats.has(id)) S.current = id; // from one private chat to the other's
  else if (!chat || !chat.members.includes(id)) S.current = WIDE.matches ? (visibleChats()[0] || {}).id || null : null;
  save();
  renderAll();
  if (S.current) maybeStart(S.chats.get(S.current));
}

function openChat(id) {
  S.current = id;
  S.replyTo = null;
  S.unread.delete(id);
  save();
  renderChats();
  renderChat();
  maybeStart(S.chats.get(id));
  if (WIDE.matches) $("#input").focus();
}

async function maybeStart(chat) {
  // Telegram: a bot may not write to a person before they started it. The seeded people start it on first opening.
  if (!chat || chat.type !== "private" || chat.started || S.started.has(chat.id) || chat.owner !== S.me) return;
  S.started.add(chat.id);
  try { await api("/api/send", { chat_id: chat.id, user_id: S.me, text: "/start" }); }
  catch (error) { toast(error.message); }
}

async function sendText(text, replyTo) {
  if (!S.current || !text.trim()) return false;
  try {
    await api("/api/send", { chat_id: S.current, user_id: S.me, text, reply_to: replyTo || null });
    return true;
  } catch (error) {
    toast(error.message);
    return false;
  }
}

async function send() {
  const input = $("#input");
  const text = input.value;
  if (!text.trim()) return;
  const replyTo = S.replyTo ? S.replyTo.id : null;
  input.value = "";
  autosize();
  S.replyTo = null;
  renderReplying();
  if (!(await sendText(text, replyTo))) input.value = text;
  autosize();
}

// A t.me link to the bot (「私信提建议」, a deep link) opens the private chat with /start <payload>, as Telegram does.
async function openLink(event, href) {
  event.preventDefault();
  try {
    const { chat_id: id } = await api("/api/link", { user_id: S.me, url: href });
    setTimeout(() => { if (S.chats.has(id)) openChat(id); }, 300);
  } catch (error) {
    toast(error.message);
  }
}

async function tap(view, button, node) {
  node.classList.add("pressed");
  setTimeout(() => node.classList.remove("pressed"), 600);
  try {
    const { query_id: id } = await api("/api/press", {
      chat_id: view.chat_id, message_id: view.id, user_id: S.me, text: button.text, data: button.callback_data,
    });
    S.myQueries.add(id);
    if (S.answers.has(id)) showAnswer(S.answers.get(id));
  } catch (error) {
    toast(error.message);
  }
}

function showAnswer(answer) {
  const mine = S.myQueries.has(answer.query_id);
  const watching = answer.source === "demo" && answer.chat_id === S.current;
  if (!mine && !watching) return;
  S.myQueries.delete(answer.query_id);
  if (answer.url) toast(`机器人让打开 ${answer.url}`);
  if (!answer.text) return;
  const text = mine ? answer.text : `${person(answer.user_id).name}：${answer.text}`;
  if (answer.show_alert && mine) alertBox(text);
  else toast(text);
}

let toastTimer = null;
function toast(text) {
  const box = $("#toast");
  box.textContent = text;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, 2500);
}

function alertBox(text) {
  $("#modal-text").textContent = text;
  $("#modal").hidden = false;
  $("#modal-ok").focus();
}

function setReply(view) {
  S.replyTo = view;
  renderReplying();
  $("#input").focus();
}

function jumpTo(id) {
  const row = $("#messages").querySelector(`[data-id="${id}"]`);
  if (!row) return;
  row.scrollIntoView({ block: "center", behavior: "smooth" });
  row.classList.remove("flash");
  void row.offsetWidth;
  row.classList.add("flash");
}

function togglePeople(open) {
  const box = $("#people");
  box.hidden = open === undefined ? !box.hidden : !open;
  $("#me").setAttribute("aria-expanded", String(!box.hidden));
}

function autosize() {
  const input = $("#input");
  input.style.height = "auto";
  input.style.height = Math.min(input.scrollHeight, 120) + "px";
  $("#send").classList.toggle("ready", input.value.trim().length > 0);
}

function targetGroup() {
  const chat = S.chats.get(S.current);
  return chat && chat.type !== "private" ? chat : S.chats.get(S.cast.stairwell);
}

function openAddDialog() {
  const group = targetGroup();
  $("#add-where").textContent = group ? `加入「${group.title}」，然后以新居民的身份说话。` : "";
  $("#add-name").value = "";
  $("#add-dialog").hidden = false;
  $("#add-name").focus();
}

async function addResident(event) {
  event.preventDefault();
  const group = targetGroup();
  try {
    const { user, chat_id: chatId } = await api("/api/people", { chat_id: group ? group.id : null, name: $("#add-name").value });
    $("#add-dialog").hidden = true;
    S.people.set(user.id, user);
    const chat = S.chats.get(chatId);
    if (chat && !chat.members.includes(user.id)) chat.members.push(user.id);
    S.me = user.id;
    openChat(chatId);
    renderAll();
    toast(`${user.name} 加入了群聊`);
  } catch (error) {
    toast(error.message);
  }
}

async function startDemo() {
  try {
    await api("/api/demo", {});
    toast("演示开始：看一次完整的议事");
  } catch (error) {
    toast(error.message);
  }
}

// ---------------------------------------------------------------- start

async function boot() {
  const state = await api("/api/state");
  S.instance = state.instance;
  S.seq = state.seq;
  S.tz = state.timezone;
  S.cast = state.cast;
  S.botOnline = state.bot_online;
  applyWorld(state);
  for (const [chatId, list] of Object.entries(state.messages)) {
    S.messages.set(Number(chatId), new Map(list.map((v) => [v.id, v])));
  }
  for (const [chatId, id] of Object.entries(state.pins)) S.pins.set(Number(chatId), id);
  for (const caption of state.demo_captions) S.demo.set(caption.chat_id, caption);
  let savedMe = null, savedChat = null;
  try {
    if (localStorage.getItem("sandbox.instance") === state.instance) {
      savedMe = Number(localStorage.getItem("sandbox.me"));
      savedChat = Number(localStorage.getItem("sandbox.chat"));
    }
  } catch (error) { /* private mode */ }
  S.me = S.people.has(savedMe) ? savedMe : state.cast.facilitator;
  const chat = S.chats.get(savedChat);
  const usable = chat && (chat.type === "private" ? chat.owner === S.me : chat.members.includes(S.me));
  S.current = usable ? savedChat : (WIDE.matches ? state.cast.stairwell : null);
  save();
  renderAll();
  renderStatus();
  connect();
  if (S.current) maybeStart(S.chats.get(S.current));
  document.body.classList.add("ready");
}

function wire() {
  $("#me").addEventListener("click", (event) => { event.stopPropagation(); togglePeople(); });
  document.addEventListener("click", (event) => {
    if (!$("#people").hidden && !$("#people").contains(event.target)) togglePeople(false);
  });
  $("#back").addEventListener("click", () => { S.current = null; save(); renderChat(); renderChats(); });
  $("#send").addEventListener("click", send);
  const input = $("#input");
  input.addEventListener("input", autosize);
  input.addEventListener("keydown", (event) => {
    // Enter sends; Shift+Enter is a new line (for a topic's background). Never while an IME is composing Chinese.
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing && event.keyCode !== 229) {
      event.preventDefault();
      send();
    }
  });
  $("#replying-cancel").addEventListener("click", () => { S.replyTo = null; renderReplying(); });
  $("#modal-ok").addEventListener("click", () => { $("#modal").hidden = true; });
  $("#add-resident").addEventListener("click", openAddDialog);
  $("#add-cancel").addEventListener("click", () => { $("#add-dialog").hidden = true; });
  $("#add-form").addEventListener("submit", addResident);
  $("#demo").addEventListener("click", startDemo);
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      $("#modal").hidden = true;
      $("#add-dialog").hidden = true;
      togglePeople(false);
    }
  });
  WIDE.addEventListener("change", () => renderChat());
  const box = $("#messages");
  box.addEventListener("scroll", () => { S.stick = box.scrollHeight - box.scrollTop - box.clientHeight < 40; });
  // The pinned bar, the demo caption or the keyboard can shrink the list: stay at the bottom if we were there.
  new ResizeObserver(() => { if (S.stick) box.scrollTop = box.scrollHeight; }).observe(box);
}

wire();
boot().catch((error) => {
  document.body.append(el("div", { class: "fatal" }, "沙盒页面没能加载：", error.message));
});
