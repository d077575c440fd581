/*
 * Switchboard's widget loader: one <script> tag on any page.
 *
 *   <script src="https://chat.example.com/switchboard/widget.js" data-inbox="support" async></script>
 *
 * Options (data-* attributes): inbox (required), title, position ("right" | "left"), open ("true": start open),
 * label (the launcher's text). It adds a launcher button and an iframe with the chat (visitor.html of the same
 * server), so the host page's styles and scripts never touch the chat and the chat never touches the page.
 * window.Switchboard.open() / close() / pageView() let the page drive it (pageView after client-side navigation).
 * A site that signs its users in sets window.switchboardIdentity = {externalId, name, email, timestamp, signature}
 * before this script (docs/VISITOR_IDENTITY.md), or calls Switchboard.identify(identity) later.
 */
(function () {
    'use strict';
    var script = document.currentScript;
    if (!script || window.Switchboard) return;
    var options = script.dataset;
    var app = new URL('.', script.src);
    var appOrigin = app.origin;
    var inbox = options.inbox || 'support';
    var left = options.position === 'left';

    var frameUrl = new URL('visitor.html', app);
    frameUrl.searchParams.set('inbox', inbox);
    frameUrl.searchParams.set('embedded', '1');
    if (options.title) frameUrl.searchParams.set('title', options.title);

    var side = left ? 'left' : 'right';
    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.textContent = options.label || 'Chat with us';
    launcher.setAttribute('aria-haspopup', 'dialog');
    launcher.setAttribute('data-switchboard', 'launcher');
    launcher.style.cssText = 'position:fixed;bottom:20px;' + side + ':20px;z-index:2147483000;padding:12px 18px;'
        + 'border:0;border-radius:24px;background:#1f5fbf;color:#fff;font:600 15px system-ui,sans-serif;'
        + 'box-shadow:0 4px 14px rgba(0,0,0,.25);cursor:pointer';
    var badge = document.createElement('span');
    badge.style.cssText = 'margin-left:8px;background:#e5484d;border-radius:10px;padding:0 7px;display:none';
    launcher.appendChild(badge);

    var frame = document.createElement('iframe');
    frame.title = 'Chat';
    frame.src = frameUrl.toString();
    frame.setAttribute('data-switchboard', 'frame');
    frame.allow = 'clipboard-write';
    frame.style.cssText = 'position:fixed;bottom:20px;' + side + ':20px;z-index:2147483001;width:370px;height:560px;'
        + 'max-width:calc(100vw - 40px);max-height:calc(100vh - 40px);border:0;border-radius:12px;'
        + 'box-shadow:0 8px 30px rgba(0,0,0,.3);background:#fff;display:none';

    // The visitor's token lives in this site's own storage: the chat's iframe is a third-party document, whose
    // storage browsers may refuse or partition.
    var TOKEN_KEY = 'switchboard.visitorToken.' + inbox;

    function keptToken() {
        try {
            return localStorage.getItem(TOKEN_KEY);
        } catch (e) {
            return null;
        }
    }

    function keepToken(token) {
        try {
            localStorage.setItem(TOKEN_KEY, token);
        } catch (e) {
            // storage refused: the visitor gets a new token on their next visit
        }
    }

    // The panel's session state (the conversations it shows, what it has not sent yet) lives in this site's
    // sessionStorage for the same reason: a reload of this page hands it back.
    var KEPT_PREFIX = 'switchboard.panel.';

    function kept() {
        var all = {};
        try {
            for (var i = 0; i < sessionStorage.length; i++) {
                var key = sessionStorage.key(i);
                if (key.indexOf(KEPT_PREFIX) === 0) all[key.slice(KEPT_PREFIX.length)] = sessionStorage.getItem(key);
            }
        } catch (e) {
            // storage refused: the panel starts afresh after a reload
        }
        return all;
    }

    function keep(key, value) {
        if (key.length > 200 || (value !== null && value.length > 100000)) return;
        try {
            if (value === null) sessionStorage.removeItem(KEPT_PREFIX + key);
            else sessionStorage.setItem(KEPT_PREFIX + key, value);
        } catch (e) {
            // storage refused or full: kept for this page only
        }
    }

    function post(message) {
        if (frameReady) frame.contentWindow.postMessage(message, appOrigin);
    }

    var frameReady = false;
    var identity = window.switchboardIdentity || null;

    function pageView() {
        post({type: 'switchboard.page', url: location.href, title: document.title});
    }

    function identify(signed) {
        identity = signed;
        if (frameReady && identity) post({type: 'switchboard.identify', identity: identity});
    }

    function open() {
        frame.style.display = 'block';
        launcher.style.display = 'none';
        badge.style.display = 'none';
        post({type: 'switchboard.opened'});
    }

    function close() {
        frame.style.display = 'none';
        launcher.style.display = 'block';
    }

    launcher.addEventListener('click', open);
    window.addEventListener('popstate', pageView);
    window.addEventListener('hashchange', pageView);
    window.addEventListener('message', function (event) {
        if (event.origin !== appOrigin || event.source !== frame.contentWindow) return;
        var data = event.data || {};
        if (data.type === 'switchboard.ready') {
            frameReady = true;
            post({type: 'switchboard.hello', token: keptToken(), kept: kept()});
            pageView();
            identify(identity);
            if (frame.style.display !== 'none') post({type: 'switchboard.opened'});
        } else if (data.type === 'switchboard.token' && typeof data.token === 'string') keepToken(data.token);
        else if (data.type === 'switchboard.keep' && typeof data.key === 'string'
            && (typeof data.value === 'string' || data.value === null)) keep(data.key, data.value);
        else if (data.type === 'switchboard.minimise') close();
        else if (data.type === 'switchboard.unread' && frame.style.display === 'none' && data.count > 0) {
            badge.textContent = String(data.count);
            badge.style.display = 'inline';
        }
    });

    function mount() {
        document.body.appendChild(launcher);
        document.body.appendChild(frame);
        if (options.open === 'true') open();
    }

    if (document.body) mount(); else document.addEventListener('DOMContentLoaded', mount);
    window.Switchboard = {open: open, close: close, pageView: pageView, identify: identify};
})();
