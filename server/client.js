/*
 * tend live reload. Injected at the end of the body of every HTML or XHTML
 * page tend serves;
 * follows /__tend/events and does the least it can:
 *   - a stylesheet changed: swap the stylesheets in place (no reload);
 *   - an image changed: refresh that image;
 *   - this page changed: patch the parts of the page whose source changed,
 *     in place (a navigation costs 100+ ms; a patch a few): attributes of
 *     <html> and of elements, text, <template> contents, nodes added or
 *     removed (their siblings, forms with what the user typed, are kept);
 *     when that is not safe (a changed region holds a script or was altered
 *     by the page's own scripts, or <head> changed beyond the title) reload
 *     instead: never neither;
 *   - a script or frame the page uses changed: reload, keeping the scroll
 *     position;
 *   - anything else: nothing;
 *   - a build failed: show its log over the page until the next good build;
 *   - this page has broken internal links (tend serve checks them after
 *     each build): list them in a small notice in a corner, each entry
 *     scrolling to its link; gone once they are fixed;
 *   - tend's page for a site with no good build yet: reload on a good build;
 *   - tend restarted or built while we were away: reload;
 *   - --navigate: one page's source was saved (the event's "navigate"):
 *     a tab on another page goes to it; the tab on it updates as above.
 *
 * All tabs of the site share one event stream (a browser gives a host 6
 * HTTP/1.1 connections; a stream per tab would leave the 7th tab waiting):
 * the tab holding the Web Lock "tend-live-reload" (for its whole life)
 * follows /__tend/events and passes each event to the other tabs over a
 * BroadcastChannel; when it closes, another tab takes the lock and connects.
 * Each tab tells from the list of changed files whether its own page is one
 * (the server tells the stream's own tab; the others map their URL to output
 * files as the server does, in mine()). Without Web Locks (not a secure
 * context, an old browser) every tab has a stream of its own.
 *
 * window.__tendLive turns true once the tab has heard that its page is of
 * the current build: from then on it follows every build (a script or test
 * that edits a file waits for it; before it, a build is caught up on by
 * the reload that the hello asks for).
 */
(function () {
	"use strict";
	if (window.__tend) return;
	window.__tend = true;

	var me = document.currentScript;
	var build = me ? me.getAttribute("data-tend-build") : "";
	/* tend's own page for a site with no good build yet: any good build
	   brings the real page */
	var unbuilt = me ? me.hasAttribute("data-tend-unbuilt") : false;
	var scrollKey = "tend:scroll:" + location.pathname;
	var imageExt = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp)$/i;
	var RETRY_MS = @SSE_RETRY_MS@;	/* the stream's own "retry:" */
	var RETRY_MAX_MS = 10 * RETRY_MS;
	var source = null, overlay = null, retry = RETRY_MS;
	var served = null;	/* the page's source as served, parsed */
	var channel = null;	/* to the other tabs when streams are shared */
	var state = null;	/* the stream's tab: the last build, as "hello" */
	var tabId = Math.random().toString(36).slice(2);
	var ours = "script[data-tend-build]";
	/* the site's base path (--base): the script is at BASE__tend/... */
	var base = ((me && me.getAttribute("src")) || "/__tend/client.js")
	    .replace(/__tend\/client\.js$/, "");
	if (base.charAt(0) !== "/") base = "/";
	/* --spa: the page of every path with no extension that has no file */
	var spa = me ? me.getAttribute("data-tend-spa") : null;

	function restoreScroll() {
		var saved = null;
		try {
			saved = sessionStorage.getItem(scrollKey);
			sessionStorage.removeItem(scrollKey);
		} catch (e) { /* storage may be disabled */ }
		if (saved) {
			var p = JSON.parse(saved);
			window.scrollTo(p.x, p.y);
		}
	}

	function reload() {
		try {
			sessionStorage.setItem(scrollKey, JSON.stringify(
			    { x: window.scrollX, y: window.scrollY }));
		} catch (e) { /* reload anyway */ }
		location.reload();
	}

	/* The site-relative path of a URL on this server, or null. */
	function pathOf(url) {
		try {
			var u = new URL(url, location.href);
			if (u.origin !== location.origin) return null;
			var p = decodeURIComponent(u.pathname);
			if (p.indexOf(base) !== 0) return null;	/* not the site's */
			return p.slice(base.length).replace(/^\/+/, "");
		} catch (e) {
			return null;
		}
	}

	function stamped(url) {
		var u = new URL(url, location.href);
		u.searchParams.set("tend", build);
		return u.href;
	}

	function swapStylesheets() {
		var links = document.querySelectorAll('link[rel~="stylesheet"][href]');
		Array.prototype.forEach.call(links, function (link) {
			if (pathOf(link.href) === null) return;
			var next = link.cloneNode();
			next.href = stamped(link.href);
			next.onload = next.onerror = function () { link.remove(); };
			link.parentNode.insertBefore(next, link.nextSibling);
		});
	}

	function refreshImages(changed) {
		var imgs = document.querySelectorAll("img[src]");
		Array.prototype.forEach.call(imgs, function (img) {
			if (changed.indexOf(pathOf(img.src)) >= 0)
				img.src = stamped(img.src);
		});
	}

	/* Does the page run or embed this file (scripts, frames, media)? */
	function embeds(path) {
		var els = document.querySelectorAll(
		    "script[src],iframe[src],embed[src],object[data],video[src],audio[src],source[src]");
		for (var i = 0; i < els.length; i++) {
			var url = els[i].getAttribute("src") || els[i].getAttribute("data");
			if (pathOf(url) === path) return true;
		}
		return false;
	}

	/* Pages are parsed as the browser parsed this one (XHTML is XML). */
	var docType = document.contentType === "application/xhtml+xml"
	    ? "application/xhtml+xml" : "text/html";

	function parse(html) {
		return new DOMParser().parseFromString(html, docType);
	}

	/* The page as served, to tell later which parts of it changed. */
	function loadSource() {
		fetch(location.href, { cache: "no-store" }).then(function (r) {
			return r.ok ? r.text() : null;
		}).then(function (html) {
			var doc = html && parse(html), tag = doc && doc.querySelector(ours);
			if (tag && tag.getAttribute("data-tend-build") === build)
				served = doc;	/* else a build raced us: reload later */
		}).catch(function () { served = null; });
	}

	function is(node, name) {	/* XHTML names are lower case */
		return node.nodeName.toUpperCase() === name;
	}

	function hasScript(node) {
		return is(node, "SCRIPT") ||
		    (node.querySelector && node.querySelector("script") !== null);
	}

	/*
	 * Are two nodes the same, <template> contents included (isEqualNode
	 * does not look into them)?
	 */
	function same(a, b) {
		if (!a.isEqualNode(b)) return false;
		if (is(a, "TEMPLATE") && !same(a.content, b.content)) return false;
		if (!a.querySelectorAll) return true;
		var ta = a.querySelectorAll("template"), tb = b.querySelectorAll("template");
		for (var i = 0; i < ta.length; i++)
			if (!same(ta[i].content, tb[i].content)) return false;
		return true;
	}

	/* Apply old -> neu's attribute changes to live; false if scripts
	 * changed one of them there. */
	function patchAttributes(live, old, neu) {
		var names = {}, i;
		for (i = 0; i < old.attributes.length; i++) names[old.attributes[i].name] = 1;
		for (i = 0; i < neu.attributes.length; i++) names[neu.attributes[i].name] = 1;
		for (var n in names) {
			var a = old.getAttribute(n), b = neu.getAttribute(n);
			if (a === b) continue;
			if (live.getAttribute(n) !== a) return false;
			if (b === null) live.removeAttribute(n); else live.setAttribute(n, b);
		}
		return true;
	}

	/*
	 * Apply old -> neu's change of child list to live's children. The
	 * children both versions share at the start and at the end are kept
	 * as they are (a form there keeps what the user typed); those between
	 * are patched pairwise, and the extra ones removed or inserted.
	 */
	function patchChildren(live, old, neu) {
		var lk = Array.prototype.slice.call(live.childNodes);
		var ok = old.childNodes, nk = neu.childNodes, i;
		if (lk.length !== ok.length) return false;	/* scripts added some */
		var head = 0, tail = 0, min = Math.min(ok.length, nk.length);
		if (ok.length !== nk.length) {
			while (head < min && same(ok[head], nk[head])) head++;
			while (tail < min - head &&
			    same(ok[ok.length - 1 - tail], nk[nk.length - 1 - tail])) tail++;
		}
		var oldEnd = ok.length - tail, newEnd = nk.length - tail;
		var ref = tail ? lk[lk.length - tail] : null;
		for (i = head; i < oldEnd && i < newEnd; i++)
			if (!patch(lk[i], ok[i], nk[i])) return false;
		for (; i < oldEnd; i++) {	/* gone from the source */
			if (hasScript(ok[i]) || !same(lk[i], ok[i])) return false;
			lk[i].remove();
		}
		for (i = oldEnd; i < newEnd; i++) {	/* new in the source */
			if (hasScript(nk[i])) return false;	/* would not run */
			live.insertBefore(document.importNode(nk[i], true), ref);
		}
		return true;
	}

	/*
	 * Apply the change old -> neu (two parsed versions of the source) to
	 * live, the node in the page that was made from old. Unchanged subtrees
	 * are left alone, whatever scripts did to them. Returns false when the
	 * change cannot be applied safely.
	 */
	function patch(live, old, neu) {
		if (same(old, neu)) return true;
		if (is(old, "SCRIPT")) return false;	/* would not run again */
		if (old.nodeType !== neu.nodeType || old.nodeName !== neu.nodeName ||
		    old.nodeType !== Node.ELEMENT_NODE || is(old, "TEMPLATE")) {
			/* a text, a comment, another element, a template: replace */
			if (hasScript(old) || hasScript(neu)) return false;
			if (!same(live, old)) return false;	/* scripts touched it */
			live.replaceWith(document.importNode(neu, true));
			return true;
		}
		if (live.nodeName !== old.nodeName) return false;
		return patchAttributes(live, old, neu) && patchChildren(live, old, neu);
	}

	/* <head> may differ only in its title. */
	function sameHead(a, b) {
		var x = a.head.cloneNode(true), y = b.head.cloneNode(true);
		[x, y].forEach(function (h) {
			var t = h.querySelector("title");
			if (t) t.textContent = "";
		});
		return same(x, y);
	}

	/* Fetch this page's new version and patch it in; reload if we cannot. */
	function update() {
		var old = served;
		served = null;
		if (!old) return reload();
		fetch(location.href, { cache: "no-store" }).then(function (r) {
			if (!r.ok) throw new Error("status " + r.status);
			return r.text();
		}).then(function (html) {
			var neu = parse(html), tag = neu.querySelector(ours);
			if (!tag || tag.getAttribute("data-tend-build") !== build)
				return reload();	/* yet another build: start over */
			/* our own tag differs by build only: make it compare equal */
			tag.setAttribute("data-tend-build",
			    old.querySelector(ours).getAttribute("data-tend-build"));
			if (!sameHead(old, neu) ||
			    !patchAttributes(document.documentElement,
				old.documentElement, neu.documentElement) ||
			    !patch(document.body, old.body, neu.body))
				return reload();
			document.title = neu.title;
			tag.setAttribute("data-tend-build", build);
			served = neu;
		}).catch(reload);
	}

	/*
	 * Is this page one of the changed output files? The mapping of
	 * server/pagematch.c: "/" and "/dir/" are dir/index.html; "/about" is
	 * about, about.html or about/index.html (paths below the base); with
	 * --spa, a path with no extension may be its page too.
	 */
	function mine(changed) {
		var url, segs = [], i;
		try {
			url = decodeURIComponent(location.pathname);
		} catch (e) {
			return false;
		}
		if (url.indexOf(base) !== 0) return false;
		url = url.slice(base.length - 1);
		var parts = url.split("/");
		for (i = 1; i < parts.length; i++) {
			var p = parts[i];
			if (p === "" || p === ".") continue;
			if (p.charAt(0) === "." || /[\x00-\x1f\x7f\\]/.test(p))
				return false;	/* refused by the server */
			segs.push(p);
		}
		var rel = segs.join("/"), names;
		if (!rel || url.charAt(url.length - 1) === "/")
			names = [rel ? rel + "/index.html" : "index.html"];
		else
			names = [rel, rel + ".html", rel + "/index.html"];
		if (spa && !/\./.test(segs.length ? segs[segs.length - 1] : ""))
			names.push(spa);
		for (i = 0; i < names.length; i++)
			if (changed.indexOf(names[i]) >= 0) return true;
		return false;
	}

	/* A build succeeded; ours: does it change this page? */
	function built(d, ours) {
		hideOverlay();
		var changed = d.changed, css = false, images = [];
		build = d.build;
		if (d.navigate && !mine([d.navigate.path]))
			return location.assign(base.slice(0, -1) +
			    d.navigate.url);	/* --navigate, below the base */
		if (changed === "*" || unbuilt) return reload();
		for (var i = 0; i < changed.length; i++) {
			var c = changed[i];
			if (embeds(c)) return reload();
			if (/\.css$/i.test(c)) css = true;
			else if (imageExt.test(c)) images.push(c);
		}
		if (css) swapStylesheets();
		if (images.length) refreshImages(images);
		if (ours) update();
	}

	function hideOverlay() {
		if (overlay) overlay.remove();
		overlay = null;
	}

	/* A generator's log may be coloured for a terminal (Jekyll, Hugo):
	   drop its escape sequences (CSI and OSC) rather than show them. */
	function plain(log) {
		return String(log || "").replace(
		    /\x1b(?:\[[0-?]*[ -\/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[@-Z\\-_])/g, "");
	}

	function showOverlay(log) {
		hideOverlay();
		overlay = document.createElement("tend-overlay");
		overlay.id = "tend-overlay";
		var root = overlay.attachShadow ? overlay.attachShadow({ mode: "open" }) : overlay;
		var style = document.createElement("style");
		style.textContent =
		    ":host{position:fixed;inset:0;z-index:2147483647;background:rgba(20,20,24,.85);" +
		    "color:#f5f5f5;font:14px/1.5 system-ui,sans-serif;overflow:auto}" +
		    "div{max-width:60rem;margin:3rem auto;padding:0 1.5rem}" +
		    "h1{color:#ff7b72;font-size:1.3rem}" +
		    "pre{white-space:pre-wrap;background:#0d1117;padding:1rem;border-radius:6px;" +
		    "font:13px/1.45 ui-monospace,monospace}" +
		    "button{font:inherit;padding:.3rem .8rem;cursor:pointer}";
		var box = document.createElement("div");
		var h = document.createElement("h1");
		h.textContent = "Build failed";
		var pre = document.createElement("pre");
		pre.className = "log";
		pre.textContent = plain(log);	/* text, never HTML */
		var close = document.createElement("button");
		close.textContent = "Dismiss";
		close.onclick = hideOverlay;
		box.appendChild(h);
		box.appendChild(pre);
		box.appendChild(close);
		root.appendChild(style);
		root.appendChild(box);
		document.documentElement.appendChild(overlay);
	}

	/*
	 * Broken internal links: the parent's check after each build
	 * (server/linknotice.h). links maps output paths to their lists as
	 * the stream told them; the tabs of a listed page show a notice, a
	 * fixed box in a corner that lists each link (target and line). A
	 * click on an entry scrolls to the link and highlights it. Dismissed,
	 * it stays away until the list changes; it goes once the list is
	 * empty.
	 */
	var links = {}, notice = null, noticeKey = "", dismissedKey = null;

	function linksHeard(name, d) {
		if (name === "hello") {
			links = d.links || {};
		} else if (d && typeof d.page === "string") {
			if (d.broken && d.broken.length) links[d.page] = d.broken;
			else delete links[d.page];
		}
		if (state) state.links = links;	/* for tabs that ask later */
		showLinks();
	}

	/* This page's broken links, by line. */
	function myLinks() {
		var mineList = [];
		for (var page in links)
			if (mine([page])) mineList = mineList.concat(links[page]);
		return mineList.sort(function (a, b) {
			return a.line - b.line || a.col - b.col;
		});
	}

	/* The href as the page has it: tend rewrote links to .md pages. */
	function hrefForms(href) {
		var html = href.replace(/(^|\/)readme\.(md|markdown)(?=[?#]|$)/i,
		    "$1index.html").replace(/\.(md|markdown)(?=[?#]|$)/i, ".html");
		return html === href ? [href] : [href, html];
	}

	/* The element of the n-th link to href in the page, or null. */
	function findLink(href, n) {
		var forms = hrefForms(href), found = [];
		var els = document.querySelectorAll("[href],[src]");
		for (var i = 0; i < els.length; i++) {
			if (notice && notice.contains(els[i])) continue;
			var v = els[i].getAttribute("href");
			if (v === null) v = els[i].getAttribute("src");
			if (forms.indexOf(v) >= 0) found.push(els[i]);
		}
		return found[Math.min(n, found.length - 1)] || null;
	}

	function goToLink(l, n) {
		var el = findLink(l.href, n);
		if (!el) return;
		el.scrollIntoView({ block: "center" });
		var old = el.style.outline, oldOffset = el.style.outlineOffset;
		el.style.outline = "3px solid #f0883e";
		el.style.outlineOffset = "2px";
		el.setAttribute("data-tend-highlight", "");
		setTimeout(function () {
			el.style.outline = old;
			el.style.outlineOffset = oldOffset;
			el.removeAttribute("data-tend-highlight");
		}, 2500);
	}

	function hideNotice() {
		if (notice) notice.remove();
		notice = null;
	}

	function showLinks() {
		var list = myLinks(), key = JSON.stringify(list);
		if (!list.length) {
			hideNotice();
			dismissedKey = null;
			return;
		}
		if (key === dismissedKey || (notice && key === noticeKey)) return;
		hideNotice();
		noticeKey = key;
		notice = document.createElement("tend-links");
		notice.id = "tend-links";
		var root = notice.attachShadow ? notice.attachShadow({ mode: "open" }) : notice;
		var style = document.createElement("style");
		style.textContent =
		    ":host{position:fixed;right:1rem;bottom:1rem;z-index:2147483646;" +
		    "max-width:min(24rem,calc(100vw - 2rem));max-height:40vh;overflow:auto;" +
		    "background:#fff;color:#1f2328;border:1px solid #d0d7de;" +
		    "border-left:4px solid #cf222e;border-radius:6px;" +
		    "box-shadow:0 4px 16px rgba(0,0,0,.15);font:13px/1.4 system-ui,sans-serif}" +
		    "@media (prefers-color-scheme:dark){:host{background:#161b22;color:#e6edf3;" +
		    "border-color:#30363d;border-left-color:#f85149}}" +
		    "header{display:flex;align-items:center;gap:.5rem;padding:.4rem .6rem;font-weight:600}" +
		    "header span{flex:1}" +
		    "button{font:inherit;color:inherit;background:none;border:0;cursor:pointer}" +
		    "header button{font-size:1.1rem;line-height:1;padding:0 .2rem}" +
		    "ul{list-style:none;margin:0;padding:0 0 .3rem}" +
		    "li button{display:block;width:100%;text-align:left;padding:.2rem .6rem}" +
		    "li button:hover,li button:focus{background:rgba(127,127,127,.15)}" +
		    "code{font:12px ui-monospace,monospace;word-break:break-all}" +
		    "small{opacity:.75}";
		var head = document.createElement("header");
		var title = document.createElement("span");
		title.textContent = list.length === 1 ? "1 broken link"
		    : list.length + " broken links";
		var close = document.createElement("button");
		close.className = "close";
		close.title = "Dismiss";
		close.setAttribute("aria-label", "Dismiss");
		close.textContent = "\u00d7";
		close.onclick = function () {
			dismissedKey = noticeKey;
			hideNotice();
		};
		head.appendChild(title);
		head.appendChild(close);
		var ul = document.createElement("ul"), seen = {};
		list.forEach(function (l) {
			var n = seen[l.href] || 0;
			seen[l.href] = n + 1;
			var li = document.createElement("li"), b = document.createElement("button");
			var what = document.createElement("code"), why = document.createElement("small");
			b.className = "entry";
			b.appendChild(document.createTextNode(l.line ? "line " + l.line + ": " : ""));
			what.textContent = l.href;	/* text, never HTML */
			why.textContent = " (" + l.reason + ")";
			b.appendChild(what);
			b.appendChild(why);
			b.onclick = function () { goToLink(l, n); };
			li.appendChild(b);
			ul.appendChild(li);
		});
		root.appendChild(style);
		root.appendChild(head);
		root.appendChild(ul);
		notice.setAttribute("role", "status");
		document.documentElement.appendChild(notice);
	}

	/* An event, from our stream or another tab's; ours: this page changed. */
	function handle(name, d, ours) {
		if (name === "hello" || name === "links") linksHeard(name, d);
		if (name === "hello") {
			if (d.build !== build) return reload();
			window.__tendLive = true;	/* for scripts and tests */
			if (d.failed) showOverlay(d.log);
		} else if (name === "built") {
			built(d, ours);
		} else if (name === "failed") {
			showOverlay(d.log);
		}
	}

	/* An event from our own stream: remember it, pass it on, apply it. */
	function received(name, d) {
		if (name === "hello")
			state = { build: d.build, failed: d.failed, log: d.log };
		else if (name === "built")
			state = { build: d.build, failed: false };
		else if (state && name === "failed")
			state = { build: state.build, failed: true, log: d.log };
		if (state) state.links = links;
		if (channel) channel.postMessage({ name: name, data: d });
		/* the server knows our page, but for --spa's fallback */
		handle(name, d, d.page || (spa && name === "built" &&
		    d.changed !== "*" && mine(d.changed)));
	}

	function connect() {
		/* our path below the base, as the server maps it to files */
		var page = location.pathname.indexOf(base) === 0
		    ? location.pathname.slice(base.length - 1) : location.pathname;
		source = new EventSource(base + "__tend/events?page=" +
		    encodeURIComponent(page));
		["hello", "built", "failed", "links"].forEach(function (name) {
			source.addEventListener(name, function (e) {
				if (name === "hello") retry = RETRY_MS;
				received(name, JSON.parse(e.data));
			});
		});
		source.onerror = function () {
			/* The browser retries by itself unless the server refused;
			 * then retry slowly, so a stopped tend leaves tabs quiet. */
			if (source.readyState !== EventSource.CLOSED) return;
			setTimeout(connect, retry);
			retry = Math.min(retry * 2, RETRY_MAX_MS);
		};
	}

	/*
	 * Share one stream between the tabs. A tab that opens asks the stream's
	 * tab for the build it knows (a build may have ended between our page's
	 * answer and now); the stream's tab answers that tab alone.
	 */
	function share() {
		channel = new BroadcastChannel("tend-live-reload");
		channel.onmessage = function (e) {
			var m = e.data;
			if (!m || typeof m.name !== "string") return;
			if (m.name === "ask") {
				if (source && state)
					channel.postMessage({ name: "hello", data: state, to: m.from });
				return;
			}
			if (source || (m.to && m.to !== tabId)) return;
			handle(m.name, m.data, m.name === "built" &&
			    m.data.changed !== "*" && mine(m.data.changed));
		};
		navigator.locks.request("tend-live-reload", function () {
			connect();
			return new Promise(function () {});	/* held while we live */
		});
		channel.postMessage({ name: "ask", from: tabId });
	}

	if (document.readyState === "complete") restoreScroll();
	else window.addEventListener("load", restoreScroll);
	loadSource();
	if (navigator.locks && window.BroadcastChannel) share();
	else connect();
})();
