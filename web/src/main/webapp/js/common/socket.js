// A WebSocket that comes back by itself: reconnects with a growing, jittered delay, pings so that dead
// connections (and idle proxies) are noticed, and lets its owner say what to send on every (re)connect.

// The server closes sockets idle for 90 s (docs/PROTOCOL.md): a ping every 25 s keeps a quiet one open.
const PING_EVERY_MS = 25000;
export const PROTOCOL = 'switchboard.v1';
const PONG_WITHIN_MS = 10000;

export class ReconnectingSocket extends EventTarget {
    /**
     * url(): the URL to connect to, asked anew each time (a token may have changed);
     * onOpen(socket): called on every open, before any queued frame is sent.
     */
    constructor(url, {onOpen = () => {}, onFrame = () => {}, onState = () => {}, retry = () => true} = {}) {
        super();
        this.url = url;
        this.onOpen = onOpen;
        this.onFrame = onFrame;
        this.onState = onState;
        this.retry = retry;
        this.attempt = 0;
        this.stopped = false;
        this.socket = null;
        this.connect();
    }

    get connected() {
        return this.socket?.readyState === WebSocket.OPEN;
    }

    connect() {
        clearTimeout(this.reconnectTimer);
        const socket = new WebSocket(this.url(), PROTOCOL);
        this.socket = socket;
        this.onState('connecting');
        socket.onopen = () => {
            this.attempt = 0;
            this.onState('open');
            this.onOpen(this);
            this.heartbeat();
        };
        socket.onmessage = event => {
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch {
                return;
            }
            if (frame.type === 'pong') {
                clearTimeout(this.pongTimer);
                return;
            }
            this.onFrame(frame);
        };
        socket.onclose = event => {
            if (socket !== this.socket) return;
            clearInterval(this.pingTimer);
            clearTimeout(this.pongTimer);
            this.onState('closed', event);
            if (this.stopped || !this.retry(event)) return;
            // 0.5 s, 1 s, 2 s … up to 15 s, with jitter so that a restarted node is not hit by everyone at once.
            const delay = Math.min(15000, 500 * 2 ** this.attempt++) * (0.75 + Math.random() / 2);
            this.reconnectTimer = setTimeout(() => this.connect(), delay);
        };
    }

    heartbeat() {
        clearInterval(this.pingTimer);
        this.pingTimer = setInterval(() => {
            if (!this.send({type: 'ping'})) return;
            clearTimeout(this.pongTimer);
            this.pongTimer = setTimeout(() => this.socket?.close(4000, 'no pong'), PONG_WITHIN_MS);
        }, PING_EVERY_MS);
    }

    /** Sends now if connected; false otherwise (callers keep what must survive a reconnect). */
    send(frame) {
        if (!this.connected) return false;
        this.socket.send(JSON.stringify(frame));
        return true;
    }

    /** Drops the connection as if the network failed (tests and "reconnect now"). */
    drop() {
        this.socket?.close(4001, 'dropped');
    }

    stop() {
        this.stopped = true;
        clearTimeout(this.reconnectTimer);
        clearInterval(this.pingTimer);
        this.socket?.close(1000, 'bye');
    }
}

/** ws(s)://host + path, from the page's own scheme. */
export function socketUrl(path, parameters) {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const query = new URLSearchParams(Object.entries(parameters).filter(([, v]) => v !== undefined && v !== null && v !== ''));
    return `${scheme}://${location.host}${path}?${query}`;
}
