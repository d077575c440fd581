// Incoming chats: toasts with their actions, a short sound (switchable, remembered) and a desktop notification
// when the console is not in sight and the agent allowed them.

import {$, el} from '../common/dom.js';

const SOUND_KEY = 'switchboard.console.sound';

export class Alerts {
    constructor() {
        this.toasts = new Map();    // key → node
        this.sound = $('#sound');
        this.sound.checked = localStorage.getItem(SOUND_KEY) !== 'off';
        this.sound.addEventListener('change', () => localStorage.setItem(SOUND_KEY, this.sound.checked ? 'on' : 'off'));
        const button = $('#notifications');
        if ('Notification' in window && Notification.permission === 'default') {
            button.hidden = false;
            button.addEventListener('click', async () => {
                await Notification.requestPermission();
                button.hidden = Notification.permission !== 'default';
            });
        }
    }

    /**
     * A toast: key (one per offer/broadcast/invitation), the conversation it is about, title, text (a string, or
     * strings and nodes such as the verified visitor's lock), actions [{label, primary?, keys?, run}] — an action
     * that resolves removes the toast; one that throws shows its message in it. deadline: ISO time.
     */
    show({key, conversationId, kind, title, text, actions, deadline}) {
        this.remove(key);
        const problem = el('p', {class: 'problem'});
        const buttons = actions.map(action => el('button', {type: 'button', class: action.primary ? null : 'secondary',
            title: action.keys ? `${action.label} (${action.keys})` : null, 'aria-keyshortcuts': action.keys,
            dataset: action.keys ? {keys: action.keys} : null,
            onclick: async event => {
                for (const button of toast.querySelectorAll('button')) button.disabled = true;
                try {
                    await action.run();
                    this.remove(key);
                } catch (failure) {
                    problem.textContent = failure.message;
                    for (const button of toast.querySelectorAll('button')) button.disabled = false;
                }
            }}, action.label));
        const countdown = el('span', {class: 'countdown'});
        const toast = el('div', {class: `toast ${kind}`, role: 'alertdialog', dataset: {key, conversationId}},
            el('strong', {}, title), countdown, el('p', {}, text), el('div', {class: 'actions'}, buttons), problem);
        $('#toasts').append(toast);
        this.toasts.set(key, toast);
        if (deadline) {
            const tick = () => {
                const left = Math.max(0, Math.round((new Date(deadline) - Date.now()) / 1000));
                countdown.textContent = ` ${left} s`;
                if (left === 0) clearInterval(toast.timer);
            };
            tick();
            toast.timer = setInterval(tick, 1000);
        }
        this.ring();
        this.notify(title, [text].flat(Infinity).map(part => part instanceof Node ? part.textContent : part ?? '').join(''));
    }

    remove(key) {
        const toast = this.toasts.get(key);
        if (!toast) return;
        clearInterval(toast.timer);
        toast.remove();
        this.toasts.delete(key);
    }

    /** Every toast about the conversation (it was deleted: nothing of it is left to act on). */
    removeFor(conversationId) {
        for (const [key, toast] of [...this.toasts]) {
            if (toast.dataset.conversationId === String(conversationId)) this.remove(key);
        }
    }

    ring() {
        if (!this.sound.checked) return;
        try {
            this.audio ??= new AudioContext();
            const oscillator = this.audio.createOscillator();
            const gain = this.audio.createGain();
            oscillator.frequency.value = 880;
            gain.gain.setValueAtTime(0.15, this.audio.currentTime);
            gain.gain.exponentialRampToValueAtTime(0.001, this.audio.currentTime + 0.4);
            oscillator.connect(gain).connect(this.audio.destination);
            oscillator.start();
            oscillator.stop(this.audio.currentTime + 0.4);
        } catch {
            // no audio device: the toast is enough
        }
    }

    notify(title, body) {
        if (!('Notification' in window) || Notification.permission !== 'granted' || document.visibilityState === 'visible') return;
        const notification = new Notification(title, {body, tag: 'switchboard'});
        notification.onclick = () => window.focus();
    }
}
